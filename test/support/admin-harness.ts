import { newUserRecord } from '../../src/admin/new-user-record.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createToken } from '../../src/admin/api-tokens.ts';
import type { ServiceContext } from '../../src/admin/service-context.ts';
import { createSession } from '../../src/admin/sign-in.ts';
import { createUser } from '../../src/admin/users.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { Role, TokenScope } from '../../src/domain/access.ts';
import { createEgressPolicy } from '../../src/egress/egress-policy.ts';
import { newId } from '../../src/domain/ids.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import type { Store } from '../../src/store/store.ts';
import { startHttpTestServer, type HttpTestServer } from './http-test-server.ts';
import { testDatabaseUrl, type TestDatabase } from './postgres.ts';

/**
 * A real Pharos for admin API tests: a config with two components and monitors against a local HTTP target,
 * a config-managed page and maintenance; one user per role, each signed in through POST /api/v1/auth/login;
 * API tokens; calls through `app.inject()` as any credential; path ids filled with real (fresh) objects.
 */

export const PASSWORD = 'Harness-Passw0rd-Lighthouse';
export const ROLE_LIST = ['owner', 'admin', 'editor', 'viewer'] as const satisfies readonly Role[];
/** an id that matches the id pattern and names nothing */
export const MISSING_ID = 'no-such-object-0000';
/** objects from the config file */
export const CONFIG_IDS = {
  monitor: 'api-health',
  component: 'api',
  page: 'status',
  maintenance: 'config-window',
} as const;

export type Credential =
  | { kind: 'session'; label: string; userId: string; role: Role; cookie: string; csrf: string }
  | { kind: 'token'; label: string; userId: string; role: Role; scopes: TokenScope[]; secret: string; id: string };

export interface HarnessUser {
  id: string;
  email: string;
  role: Role;
}

export interface CallOptions {
  /** sent as JSON */
  body?: unknown;
  /** sent as is (with `contentType`) instead of `body` */
  payload?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** the X-CSRF-Token for a session's write: default the session's own; false sends none */
  csrf?: string | false;
  remoteAddress?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface AdminHarness {
  pharos: RunningPharos;
  app: FastifyInstance;
  store: Store;
  /** the local HTTP target (see test/support/http-test-server.ts for its paths) */
  target: HttpTestServer;
  /** the store's URL, for a second Pharos (another replica) on the same database */
  storageUrl: string;
  users: Record<Role, HarnessUser>;
  sessions: Record<Role, Credential>;
  /** tokens of the admin user, one per scope */
  tokens: Record<TokenScope, Credential>;
  /** the owner's admin-scope token: used to make fixtures */
  root: Credential;
  cli: ServiceContext;
  uniq(prefix: string): string;
  call(cred: Credential | null, method: string, url: string, opts?: CallOptions): Promise<ApiResponse>;
  login(email: string, password?: string, remoteAddress?: string): Promise<Credential & { kind: 'session' }>;
  /** a user made straight in the store (with PASSWORD unless `password: false`: single sign-on only) */
  newUser(role: Role, opts?: { password?: boolean }): Promise<HarnessUser>;
  /** a signed-in session of a new user of this role (made without the cost of a sign-in) */
  personSession(role: Role): Promise<Credential & { kind: 'session' }>;
  newToken(userId: string, scopes: TokenScope[], expiresInMs?: number | null): Promise<Credential & { kind: 'token' }>;
  /** a route's path with its :params filled: fresh real objects (tokens owned by `owner`), or ids that exist nowhere */
  fillPath(path: string, opts?: { missing?: boolean; owner?: Credential }): Promise<string>;
  close(): Promise<void>;
}

export const configText = (targetUrl: string, storageUrl: string) => `
title: Admin Harness
server: { secret: "test-secret-shared-by-every-replica-0123456789" }
storage: { url: "${storageUrl}", batch_interval: 20ms }
admin: { rate_limit_per_minute: 100000, setup_link: false }
components:
  - { id: api, name: Public API, group: Backend, monitors: [api-health] }
  - { id: web, name: Website, monitors: [web-health] }
monitors:
  - { id: api-health, type: http, url: "${targetUrl}/status/200", interval: 2s, timeout: 1s }
  - { id: web-health, type: http, url: "${targetUrl}/json", interval: 2s, timeout: 1s }
pages:
  - { slug: status, title: Harness Status, default: true }
maintenances:
  - { id: config-window, title: Config window, start: "2099-01-01T00:00:00Z", end: "2099-01-01T01:00:00Z", components: [web] }
`;

/** `extraConfig`: top-level YAML appended to the config, e.g. "egress: { deny_private: true }" or a `notifications:` list. */
export async function startAdminHarness(
  opts: { store?: 'sqlite' | 'postgres'; extraConfig?: string } = {},
): Promise<AdminHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'pharos-admin-'));
  const pg: TestDatabase | undefined = opts.store === 'postgres' ? await testDatabaseUrl() : undefined;
  const target = await startHttpTestServer();
  const storageUrl = pg?.url ?? `sqlite:${join(dir, 'pharos.db')}`;
  const text = configText(target.url, storageUrl) + (opts.extraConfig ? `${opts.extraConfig}\n` : '');
  const config = parseConfigText(text, 'admin-harness.yaml', {});
  const pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  const { app, store } = pharos;
  const cli: ServiceContext = {
    actor: CLI_ACTOR,
    store,
    bus: pharos.bus,
    runtime: pharos.admin,
    egress: createEgressPolicy(config.egress),
    now: Date.now,
  };
  let counter = 0;
  const uniq = (prefix: string) => `${prefix}-${(++counter).toString(36)}-${newId().slice(0, 6)}`;

  const call: AdminHarness['call'] = async (cred, method, url, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (cred?.kind === 'session') {
      headers.cookie = `pharos_session=${cred.cookie}`;
      const csrf = o.csrf ?? cred.csrf;
      if (method !== 'GET' && csrf !== false) headers['x-csrf-token'] = csrf;
    }
    if (cred?.kind === 'token') headers.authorization = `Bearer ${cred.secret}`;
    let payload: string | Buffer | undefined = o.payload;
    if (payload === undefined && o.body !== undefined) payload = JSON.stringify(o.body);
    if (payload !== undefined) headers['content-type'] ??= o.contentType ?? 'application/json';
    const res = await app.inject({ method: method as 'GET', url, headers, payload, remoteAddress: o.remoteAddress });
    return { status: res.statusCode, headers: res.headers, body: res.body, json: <T>() => JSON.parse(res.body) as T };
  };

  const login: AdminHarness['login'] = async (email, password = PASSWORD, remoteAddress) => {
    const res = await call(null, 'POST', '/api/v1/auth/login', { body: { email, password }, remoteAddress });
    if (res.status !== 200) throw new Error(`login ${email} → ${res.status} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).match(/pharos_session=([^;]+)/)?.[1];
    const me = res.json<{ user: { id: string; role: Role }; csrf_token: string }>();
    if (!cookie) throw new Error('login set no cookie');
    return {
      kind: 'session',
      label: `${me.user.role} session`,
      userId: me.user.id,
      role: me.user.role,
      cookie,
      csrf: me.csrf_token,
    };
  };

  const passwordHash = await hashPassword(PASSWORD);
  const newUser: AdminHarness['newUser'] = async (role, o = {}) => {
    const email = `${uniq(role)}@example.com`;
    const record = newUserRecord({
      email,
      name: email.split('@')[0]!,
      role,
      passwordHash: o.password === false ? null : passwordHash,
      now: Date.now(),
    });
    await store.admin.createUser(record);
    return { id: record.id, email, role };
  };

  const personSession: AdminHarness['personSession'] = async (role) => {
    const user = await newUser(role);
    const made = await createSession(store.admin, (await store.admin.getUser(user.id))!, Date.now(), {
      ip: '127.0.0.1',
      userAgent: 'admin-harness',
    });
    return {
      kind: 'session',
      label: `new ${role} session`,
      userId: user.id,
      role,
      cookie: made.secret,
      csrf: made.session.csrfToken,
    };
  };

  const newToken: AdminHarness['newToken'] = async (userId, scopes, expiresInMs = null) => {
    const made = await createToken(cli, { name: uniq('token'), scopes, expiresInMs, userId });
    const user = (await store.admin.getUser(userId))!;
    return {
      kind: 'token',
      label: `${user.role} token [${scopes.join(',')}]`,
      userId,
      role: user.role,
      scopes,
      secret: made.token,
      id: made.info.id,
    };
  };

  const users = {} as Record<Role, HarnessUser>;
  const sessions = {} as Record<Role, Credential>;
  // the four people are made through the service, as `pharos user add` does
  for (const role of ROLE_LIST) {
    const email = `${role}@example.com`;
    users[role] = { id: (await createUser(cli, { email, role, password: PASSWORD })).id, email, role };
  }
  for (const role of ROLE_LIST) sessions[role] = await login(users[role].email);
  const tokens = {} as Record<TokenScope, Credential>;
  for (const scope of ['read', 'write', 'admin'] as const) tokens[scope] = await newToken(users.admin.id, [scope]);
  const root = await newToken(users.owner.id, ['admin']);

  const h: AdminHarness = {
    pharos,
    app,
    store,
    target,
    storageUrl,
    users,
    sessions,
    tokens,
    root,
    cli,
    uniq,
    call,
    login,
    newUser,
    personSession,
    newToken,
    fillPath: (path, o = {}) => fillPath(h, path, o),
    async close() {
      await pharos.close();
      await target.close();
      await rm(dir, { recursive: true, force: true });
      await pg?.drop();
    },
  };
  return h;
}

/** POST as the root token and return the JSON answer, failing loudly when the fixture is refused. */
export async function make<T = Record<string, unknown>>(
  h: AdminHarness,
  url: string,
  body: unknown,
  method = 'POST',
): Promise<T> {
  const res = await h.call(h.root, method, url, { body });
  if (res.status >= 300) throw new Error(`fixture ${method} ${url} → ${res.status} ${res.body}`);
  return res.json<T>();
}

export const maintenanceWindow = (fromNowMs: number, lengthMs: number) => ({
  start: new Date(Date.now() + fromNowMs).toISOString().replace(/\.\d+Z$/, 'Z'),
  end: new Date(Date.now() + fromNowMs + lengthMs).toISOString().replace(/\.\d+Z$/, 'Z'),
});

/** One fresh API-managed object of the kind a path segment names; returns its id (and, for incidents, an update id). */
async function freshObject(
  h: AdminHarness,
  plural: string,
  owner: Credential | undefined,
): Promise<{ id: string; updateId?: string }> {
  switch (plural) {
    case 'monitors':
      return {
        id: (
          await make<{ id: string }>(h, '/api/v1/monitors', {
            id: h.uniq('mon'),
            type: 'http',
            url: `${h.target.url}/status/200`,
            interval: '1h',
            timeout: '1s',
          })
        ).id,
      };
    case 'components': {
      const { id } = await make<{ id: string }>(h, '/api/v1/components', {
        id: h.uniq('comp'),
        name: 'Fresh component',
      });
      await make(h, `/api/v1/components/${id}/status`, { status: 'degraded_performance' }, 'PUT');
      return { id };
    }
    case 'groups':
      return { id: (await make<{ id: string }>(h, '/api/v1/groups', { id: h.uniq('grp'), name: h.uniq('Group') })).id };
    case 'pages':
      return { id: (await make<{ id: string }>(h, '/api/v1/pages', { slug: h.uniq('page'), title: 'Fresh page' })).id };
    case 'maintenances':
      return {
        id: (
          await make<{ id: string }>(h, '/api/v1/maintenances', {
            id: h.uniq('mnt'),
            title: 'Fresh window',
            ...maintenanceWindow(86_400_000, 3_600_000),
            components: ['api'],
          })
        ).id,
      };
    case 'incidents': {
      const made = await make<{ id: string }>(h, '/api/v1/incidents', { name: 'Fresh incident', body: 'first' });
      const resolved = await make<{ updates: { id: string }[] }>(h, `/api/v1/incidents/${made.id}/updates`, {
        status: 'resolved',
        body: 'resolved',
      });
      return { id: made.id, updateId: resolved.updates[0]!.id };
    }
    case 'users':
      return { id: (await h.newUser('viewer', { password: false })).id };
    case 'tokens':
      return { id: (await h.newToken(owner?.userId ?? h.users.admin.id, ['read'])).id };
    case 'subscribers': {
      const id = newId();
      await h.store.admin.createSubscriber({
        id,
        kind: 'email',
        target: `${h.uniq('sub')}@example.com`,
        componentIds: [],
        confirmedAt: Date.now(),
        createdAt: Date.now(),
        pageSlug: '',
        pageAccess: null,
      });
      return { id };
    }
    case 'notification-channels':
      return {
        id: (
          await make<{ id: string }>(h, '/api/v1/notification-channels', {
            id: h.uniq('chan'),
            type: 'webhook',
            url: `${h.target.url}/status/200`,
          })
        ).id,
      };
    case 'notifications':
      return { id: await deadDelivery(h) };
    default:
      throw new Error(`fillPath: no fixture for /${plural}/:id (add one to test/support/admin-harness.ts)`);
  }
}

/** A dead outbox row (a delivery that was given up), for the retry route. */
async function deadDelivery(h: AdminHarness): Promise<string> {
  const eventId = h.uniq('evt');
  const now = Date.now();
  const id = `${eventId}:channel:gone`;
  await h.store.outbox.enqueue([
    {
      id,
      eventId,
      eventType: 'monitor.down',
      targetKind: 'channel',
      targetId: 'gone',
      createdAt: now,
      nextAttemptAt: now - 1,
      event: { id: eventId, type: 'monitor.down', at: now, pageUrl: 'http://x', components: [] },
    },
  ]);
  const claimed = await h.store.outbox.claimDue(now, {
    limit: 1,
    leaseMs: 60_000,
    claimant: 'fixture',
    targetIds: ['gone'],
  });
  if (claimed.some((r) => r.id === id))
    await h.store.outbox.markFailed(id, 'fixture', {
      now,
      error: 'receiver gone',
      remoteStatus: 410,
      remoteBody: null,
      nextAttemptAt: null,
    });
  // else Pharos's own sender took it first, and gives it up at once: no channel "gone" exists
  for (let i = 0; i < 100 && (await h.store.outbox.get(id))?.state !== 'dead'; i++)
    await new Promise((r) => setTimeout(r, 20));
  return id;
}

async function fillPath(h: AdminHarness, path: string, o: { missing?: boolean; owner?: Credential }): Promise<string> {
  if (!path.includes(':')) return path;
  const plural = /\/api\/v1\/([a-z-]+)\/:id/.exec(path)?.[1];
  if (!plural) throw new Error(`fillPath: cannot tell what ${path} names`);
  const names = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  if (names.some((n) => n !== 'id' && n !== 'updateId'))
    throw new Error(`fillPath: unknown parameter in ${path} (teach fillPath about it)`);
  if (o.missing) return path.replace(/:[A-Za-z]+/g, MISSING_ID);
  const fresh = await freshObject(h, plural, o.owner);
  return path.replace(':id', fresh.id).replace(':updateId', fresh.updateId ?? MISSING_ID);
}
