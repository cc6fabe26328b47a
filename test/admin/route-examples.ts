import { LoginThrottle } from '../../src/auth/login-throttle.ts';
import type { AdminRoute } from '../../src/http/admin/admin-route.ts';
import { adminRoutes } from '../../src/http/admin/routes/index.ts';
import { maintenanceWindow, PASSWORD, type AdminHarness } from '../support/admin-harness.ts';

/** The route table the running app registers (startPharos builds it the same way). */
export function routeTable(): AdminRoute[] {
  return adminRoutes({ signIn: { ipThrottle: new LoginThrottle() }, issuer: 'test' });
}

export const routeKey = (r: Pick<AdminRoute, 'method' | 'path'>) => `${r.method} ${r.path}`;

export interface ExampleContext {
  h: AdminHarness;
  /** the user the call is made as (for bodies that must name them, e.g. one's own password) */
  password: string;
}

export interface RouteExample {
  /** a valid minimal body */
  body?: (x: ExampleContext) => unknown;
  /** a valid query string (without "?") for routes with a required query */
  query?: () => string;
  /** what an allowed call answers when it is not a 2xx for this input (documented per route) */
  allowedStatus?: number;
}

const monitor = (x: ExampleContext, id?: string) => ({
  ...(id ? { id } : {}),
  type: 'http',
  url: `${x.h.target.url}/status/200`,
  interval: '1h',
  timeout: '1s',
});

/**
 * One example per route with a body or a required query, and per route whose allowed answer is not a 2xx. A route with a body and no
 * entry here fails the matrix test, so that every new route gets one.
 */
export const ROUTE_EXAMPLES: Record<string, RouteExample> = {
  'POST /api/v1/auth/login': { body: (x) => ({ email: x.h.users.viewer.email, password: PASSWORD }) },
  // no half-signed-in session: "sign in with your password first"
  'POST /api/v1/auth/login/totp': { body: () => ({ code: '123456' }), allowedStatus: 401 },
  'POST /api/v1/auth/password': { body: (x) => ({ current: x.password, next: 'Another-Passw0rd-Harbour' }) },
  // enrolment not started
  'POST /api/v1/auth/totp/enable': { body: () => ({ code: '123456' }), allowedStatus: 409 },
  'POST /api/v1/auth/totp/disable': { body: (x) => ({ password: x.password }) },
  // Pharos already has users
  'POST /api/v1/setup': {
    body: () => ({ token: 'phsu_not-a-real-setup-token', email: 'setup@example.com', password: PASSWORD }),
    allowedStatus: 409,
  },
  'POST /api/v1/users': { body: (x) => ({ email: `${x.h.uniq('new')}@example.com`, role: 'viewer' }) },
  'PATCH /api/v1/users/:id': { body: () => ({ name: 'Renamed User' }) },
  'POST /api/v1/tokens': { body: (x) => ({ name: x.h.uniq('tok'), scopes: ['read'], expires_in: '30d' }) },
  'POST /api/v1/monitors': { body: (x) => monitor(x, x.h.uniq('mon')) },
  'PUT /api/v1/monitors/:id': { body: (x) => ({ ...monitor(x), name: 'Replaced' }) },
  'POST /api/v1/monitors/test': { body: (x) => monitor(x, 'unsaved') },
  'GET /api/v1/reports/sla': { query: () => `month=${new Date().toISOString().slice(0, 7)}` },
  'POST /api/v1/markdown/preview': { body: () => ({ markdown: '**bold** and `code`' }) },
  'POST /api/v1/components': { body: (x) => ({ id: x.h.uniq('comp'), name: 'New component' }) },
  'PUT /api/v1/components/:id': { body: () => ({ name: 'Replaced component' }) },
  'PUT /api/v1/components/:id/status': { body: () => ({ status: 'partial_outage', note: 'by hand' }) },
  'PUT /api/v1/monitors/:id/components': { body: () => ({ ids: [] }) },
  'PUT /api/v1/component-order': { body: () => ({ ids: [] }) },
  'PUT /api/v1/group-order': { body: () => ({ ids: [] }) },
  'POST /api/v1/groups': { body: (x) => ({ id: x.h.uniq('grp'), name: x.h.uniq('Group') }) },
  'PUT /api/v1/groups/:id': { body: (x) => ({ name: x.h.uniq('Renamed group') }) },
  'POST /api/v1/pages': { body: (x) => ({ slug: x.h.uniq('page'), title: 'New page' }) },
  'PUT /api/v1/pages/:id': { body: () => ({ title: 'Replaced page' }) },
  'POST /api/v1/notification-channels': {
    body: (x) => ({ id: x.h.uniq('chan'), type: 'webhook', url: `${x.h.target.url}/status/200` }),
  },
  'PUT /api/v1/notification-channels/:id': {
    body: (x) => ({ type: 'webhook', url: `${x.h.target.url}/status/204`, events: ['incident.created'] }),
  },
  'POST /api/v1/maintenances': {
    body: (x) => ({
      id: x.h.uniq('mnt'),
      title: 'Window',
      ...maintenanceWindow(86_400_000, 3_600_000),
      components: ['api'],
    }),
  },
  'PUT /api/v1/maintenances/:id': {
    body: () => ({ title: 'Moved window', ...maintenanceWindow(2 * 86_400_000, 3_600_000), components: ['api'] }),
  },
  'POST /api/v1/incidents': { body: () => ({ name: 'Something broke', body: 'We are looking into it.' }) },
  'PATCH /api/v1/incidents/:id': { body: () => ({ name: 'Renamed incident' }) },
  'POST /api/v1/incidents/:id/updates': { body: () => ({ status: 'resolved', body: 'Fixed.' }) },
  'PATCH /api/v1/incidents/:id/updates/:updateId': { body: () => ({ body: 'Edited text' }) },
  'PUT /api/v1/incidents/:id/postmortem': { body: () => ({ body: 'What happened, and what we changed.' }) },
  // the fixture incident was written by a person: only automatic ones are taken over
  'POST /api/v1/incidents/:id/take-over': { allowedStatus: 409 },
};

/**
 * Routes open to any signed-in actor by the table whose service refuses API tokens (a person's own password,
 * two-factor, making tokens). The route table cannot say "people only"; this list does, until it can.
 */
export const PEOPLE_ONLY = new Set([
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/totp/setup',
  'POST /api/v1/auth/totp/enable',
  'POST /api/v1/auth/totp/disable',
  'POST /api/v1/tokens',
]);

/** The route's path filled by `fillPath`, with its example query. */
export function withExampleQuery(r: AdminRoute, url: string): string {
  const query = ROUTE_EXAMPLES[routeKey(r)]?.query?.();
  return query ? `${url}?${query}` : url;
}

export function exampleBody(r: AdminRoute, x: ExampleContext): unknown {
  if (!r.body) return undefined;
  const example = ROUTE_EXAMPLES[routeKey(r)];
  if (!example?.body) throw new Error(`no example body for ${routeKey(r)}: add one to test/admin/route-examples.ts`);
  return example.body(x);
}
