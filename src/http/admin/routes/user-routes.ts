import { z } from 'zod';
import { createUser, deleteUser, getUser, listUsers, updateUser } from '../../../admin/users.ts';
import { ROLES } from '../../../domain/access.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { idParams } from './common-schemas.ts';

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  totp_enabled: z.boolean(),
  sso: z.boolean(),
  locked_until: z.string().nullable(),
  created_at: z.string(),
  last_login_at: z.string().nullable(),
});

const email = z.email().max(320);

export const userRoutes: AdminRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/users',
    access: 'manage',
    tag: 'Users',
    summary: 'List users',
    response: z.array(userSchema),
    handle: (ctx) => listUsers(ctx),
  }),
  route({
    method: 'POST',
    path: '/api/v1/users',
    access: 'manage',
    tag: 'Users',
    summary: 'Create a user (owners only by owners); without a password the user signs in by SSO',
    body: z
      .object({
        email,
        name: z.string().trim().max(200).optional(),
        role: z.enum(ROLES),
        password: z.string().min(1).max(256).optional(),
      })
      .strict(),
    response: userSchema,
    successStatus: 201,
    handle: (ctx, { body }) => createUser(ctx, body),
  }),
  route({
    method: 'GET',
    path: '/api/v1/users/:id',
    access: 'manage',
    tag: 'Users',
    summary: 'One user',
    params: idParams,
    response: userSchema,
    handle: (ctx, { params }) => getUser(ctx, params.id),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/users/:id',
    access: 'manage',
    tag: 'Users',
    summary: 'Change name, role or password, or clear a lockout (a new password or role ends their sessions)',
    params: idParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        role: z.enum(ROLES).optional(),
        password: z.string().min(1).max(256).optional(),
        unlock: z.literal(true).optional(),
      })
      .strict(),
    response: userSchema,
    handle: (ctx, { params, body }) => updateUser(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/users/:id',
    access: 'manage',
    tag: 'Users',
    summary: 'Remove a user (and their sessions and tokens)',
    params: idParams,
    successStatus: 204,
    handle: (ctx, { params }) => deleteUser(ctx, params.id),
  }),
];
