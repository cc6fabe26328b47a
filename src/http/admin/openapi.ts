import { z } from 'zod';
import { withDurationCompanions } from '../../admin/catalog/duration-fields.ts';
import type { AdminRoute } from './admin-route.ts';
import { catalogConfigJsonSchema } from './views/catalog-config-view.ts';

type JsonSchema = Record<string, unknown>;

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: {
      type: 'string',
      description:
        'a stable code: invalid_input, unauthorized, forbidden, csrf, not_found, conflict, managed_by_config, locked, rate_limited …',
    },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    // a catalog object's config is documented as its kind's input shape (what GET answers is what PUT takes)
    override: (ctx) => {
      const config = catalogConfigJsonSchema(ctx.zodSchema as unknown as z.ZodType);
      if (config) Object.assign(ctx.jsonSchema, config);
    },
  }) as JsonSchema;
  delete out.$schema;
  return io === 'input' ? withDurationCompanions(out) : out;
}

/** fastify's /:id becomes OpenAPI's /{id} */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function parametersOf(r: AdminRoute): JsonSchema[] {
  const params: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', r.params],
    ['query', r.query],
  ] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, 'input');
    const props = (js.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((js.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props))
      params.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
  }
  return params;
}

const ACCESS_TEXT: Record<AdminRoute['access'], string> = {
  anyone: 'No credentials needed.',
  signed_in:
    "Any signed-in person (session cookie) or API token; changing one's own password, two-factor and tokens is for people only (403 for a token).",
  read: 'Role viewer or higher; token scope read.',
  operate: 'Role editor or higher; token scope write.',
  configure: 'Role admin or higher; token scope write.',
  manage: 'Role admin or higher; token scope admin.',
  own: 'Role owner; token scope admin.',
};

/** The OpenAPI 3.1 document of the admin API, generated from the same zod schemas that parse the requests. */
export function buildOpenApi(routes: readonly AdminRoute[], info: { version: string; serverUrl?: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) {
    const path = openApiPath(r.path);
    const status = String(r.successStatus ?? 200);
    const responses: Record<string, JsonSchema> = {
      [status]:
        status === '204'
          ? { description: 'Done' }
          : {
              description: 'OK',
              content: { 'application/json': { schema: r.response ? jsonSchema(r.response, 'output') : {} } },
            },
      '400': {
        description: 'Invalid input: every wrong field with its path',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    };
    responses['401'] = {
      description:
        r.access === 'anyone' ? 'Wrong credentials, or a step taken out of order' : 'Not signed in, or a bad token',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    if (r.access !== 'anyone') {
      responses['403'] = {
        description: 'Not allowed for this role or token scope, or a missing CSRF token',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    if (r.params)
      responses['404'] = {
        description: 'No such object',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    if (r.method !== 'GET')
      responses['409'] = {
        description: 'Conflict (e.g. the object is defined in the config file: managed_by config)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    responses['429'] = { description: 'Rate-limited or locked out (Retry-After says for how long)' };
    const op: JsonSchema = {
      tags: [r.tag],
      summary: r.summary,
      description: [r.description, `Access: ${ACCESS_TEXT[r.access]}`].filter(Boolean).join('\n\n'),
      operationId: `${r.method.toLowerCase()}${r.path.replace(/^\/api\/v1/, '').replace(/[/:-]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      parameters: parametersOf(r),
      responses,
      security: r.access === 'anyone' ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
    };
    if (r.body)
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pharos admin API',
      version: info.version,
      description:
        'Manage monitors, components, pages, incidents, maintenance, users and tokens. Objects from the config file (managed_by: config) are read-only here. Cookie-authenticated writes need the X-CSRF-Token header.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (pht_…) from POST /api/v1/tokens or `pharos token create`',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'pharos_session' },
      },
    },
  };
}
