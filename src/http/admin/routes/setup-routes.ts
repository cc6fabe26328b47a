import { newUserRecord } from '../../../admin/new-user-record.ts';
import { z } from 'zod';
import { AdminError } from '../../../admin/admin-error.ts';
import { audit } from '../../../admin/audit.ts';
import { createSession } from '../../../admin/sign-in.ts';
import { publicUser } from '../../../admin/users.ts';
import { checkPasswordStrength, hashPassword } from '../../../auth/password.ts';
import { hashSecret } from '../../../auth/secret-token.ts';
import { SESSION_ABSOLUTE_MS } from '../../../auth/session-policy.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { userSchema } from './user-routes.ts';

/** The one-time setup link's step: the first owner, while no user exists. */
export const setupRoutes: AdminRoute[] = [
  route({
    method: 'POST',
    path: '/api/v1/setup',
    access: 'anyone',
    csrfExempt: true,
    tag: 'Auth',
    summary: 'Create the first owner with the one-time setup token printed to the log (only while no user exists)',
    body: z
      .object({
        token: z.string().min(10).max(200),
        email: z.email().max(320),
        name: z.string().trim().max(200).optional(),
        password: z.string().min(1).max(256),
      })
      .strict(),
    response: z.object({ user: userSchema, csrf_token: z.string() }),
    successStatus: 201,
    async handle(ctx, { body }, http) {
      // cheap refusals first: hashing a password costs ~0.3 s of CPU and 128 MB, and anyone can call this route
      if ((await ctx.store.admin.countUsers()) > 0)
        throw new AdminError('conflict', 'Pharos already has users; sign in instead.');
      const email = body.email.trim().toLowerCase();
      const weak = checkPasswordStrength(body.password, { email });
      if (weak)
        throw new AdminError('invalid_input', `body.password: ${weak}`, {
          issues: [{ path: 'body.password', message: weak }],
        });
      const passwordHash = await hashPassword(body.password);
      const now = ctx.now();
      const made = await ctx.store.admin.transaction(async (tx) => {
        if ((await tx.countUsers()) > 0) throw new AdminError('conflict', 'Pharos already has users; sign in instead.');
        if (!(await tx.consumeSetupToken(hashSecret(body.token), now)))
          throw new AdminError(
            'unauthorized',
            'This setup link is wrong, used or expired; restart Pharos for a new one, or use `pharos user add`.',
          );
        const user = newUserRecord({
          email,
          name: body.name || email.split('@')[0]!,
          role: 'owner',
          passwordHash,
          now,
          signedInNow: true,
        });
        await tx.createUser(user);
        const actor = { type: 'user' as const, userId: user.id, label: email, role: user.role, ip: http.ip };
        await audit(tx, actor, now, 'user.setup', { type: 'user', id: user.id }, null, publicUser(user));
        return createSession(tx, user, now, http);
      });
      http.setSessionCookie(made.secret, SESSION_ABSOLUTE_MS);
      return { user: publicUser(made.user), csrf_token: made.session.csrfToken };
    },
  }),
];
