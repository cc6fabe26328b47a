import { z } from 'zod';
import { createToken, deleteToken, listTokens } from '../../../admin/api-tokens.ts';
import { TOKEN_SCOPES } from '../../../domain/access.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { expiresIn, idParams, queryFlag } from './common-schemas.ts';

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  user_id: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});

export const tokenRoutes: AdminRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/tokens',
    access: 'read',
    tag: 'API tokens',
    summary: "One's own API tokens (all=true: everyone's, for admins)",
    query: z.object({ all: queryFlag.optional() }).strict(),
    response: z.array(tokenSchema),
    handle: (ctx, { query }) => listTokens(ctx, { all: query.all }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/tokens',
    access: 'read',
    tag: 'API tokens',
    summary: 'Create an API token for oneself; the secret is in this answer only',
    body: z
      .object({
        name: z.string().trim().min(1).max(100),
        scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(3),
        expires_in: expiresIn.nullable().optional(),
      })
      .strict(),
    response: z.object({ token: z.string(), info: tokenSchema }),
    successStatus: 201,
    handle: (ctx, { body }) =>
      createToken(ctx, { name: body.name, scopes: body.scopes, expiresInMs: body.expires_in ?? null }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/tokens/:id',
    access: 'read',
    tag: 'API tokens',
    summary: "Revoke a token (one's own, or anyone's for admins)",
    params: idParams,
    successStatus: 204,
    handle: (ctx, { params }) => deleteToken(ctx, params.id),
  }),
];
