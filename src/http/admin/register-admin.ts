import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { renderApiReference } from '../../web/admin-docs/render-api-reference.ts';
import type { AdminRoute } from './admin-route.ts';
import type { OidcConfig } from '../../config/oidc-schema.ts';
import { buildOpenApi } from './openapi.ts';
import { registerOidcRoutes } from './oidc-routes.ts';
import { registerAdminApi, type AdminApiDeps } from './register-admin-api.ts';

export interface AdminDeps extends AdminApiDeps {
  routes: readonly AdminRoute[];
  version: string;
  baseUrl?: string;
  /** single sign-on, when configured */
  oidc?: { config: OidcConfig; baseUrl(): string; secret: string };
  /** the admin UI's pages, when built (src/http/admin-ui) */
  registerUi?(app: FastifyInstance): void;
}

/** The admin side: cookies, rate limits, the /api/v1 routes, their OpenAPI document and reference page, the UI. */
export async function registerAdmin(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // the key is the client address: tokens and sessions come from somewhere, and a flood is a flood
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s.`,
    }),
  });
  registerAdminApi(app, deps, deps.routes);
  const doc = buildOpenApi(deps.routes, { version: deps.version, serverUrl: deps.baseUrl });
  const docBody = JSON.stringify(doc);
  const reference = renderApiReference(doc);
  app.get('/api/v1/openapi.json', (_req, reply) =>
    reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(docBody),
  );
  app.get('/api/v1/docs', (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(reference),
  );
  if (deps.oidc) registerOidcRoutes(app, { ...deps.oidc, context: deps.context, secureCookies: deps.secureCookies });
  deps.registerUi?.(app);
}
