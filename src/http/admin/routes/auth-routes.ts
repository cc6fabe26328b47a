import { z } from 'zod';
import { AdminError } from '../../../admin/admin-error.ts';
import type { ServiceContext } from '../../../admin/service-context.ts';
import { signIn, type SignInDeps } from '../../../admin/sign-in.ts';
import {
  completeTwoFactor,
  changePassword,
  disableTotp,
  enableTotp,
  startTotpEnrolment,
} from '../../../admin/two-factor.ts';
import { publicUser } from '../../../admin/users.ts';
import { checkPasswordStrength } from '../../../auth/password.ts';
import { SESSION_ABSOLUTE_MS } from '../../../auth/session-policy.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { userSchema } from './user-routes.ts';

const credentials = z
  .object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(256) })
  .strict();
const meSchema = z.object({ user: userSchema, csrf_token: z.string().nullable(), mfa_required: z.boolean() });

export interface AuthRouteDeps {
  signIn: Omit<SignInDeps, 'store' | 'now'>;
  /** shown in authenticator apps */
  issuer: string;
  /** the single sign-on button, when configured */
  oidcLabel?: string;
}

/** Sign-in, the code step, sign-out, one's own password and two-factor settings. */
export function authRoutes(deps: AuthRouteDeps): AdminRoute[] {
  const me = async (ctx: ServiceContext, sessionIdHash: string | null) => {
    const user = ctx.actor.userId ? await ctx.store.admin.getUser(ctx.actor.userId) : undefined;
    if (!user) throw new AdminError('unauthorized', 'not signed in');
    const session = sessionIdHash ? await ctx.store.admin.getSession(sessionIdHash) : undefined;
    return {
      user: publicUser(user),
      csrf_token: session?.csrfToken ?? null,
      mfa_required: session?.mfaPending ?? false,
    };
  };
  return [
    route({
      method: 'GET',
      path: '/api/v1/auth/providers',
      access: 'anyone',
      tag: 'Auth',
      summary: 'How one can sign in: password, and single sign-on when configured',
      response: z.object({ password: z.boolean(), oidc: z.object({ label: z.string(), url: z.string() }).nullable() }),
      handle: async () => ({
        password: true,
        oidc: deps.oidcLabel ? { label: deps.oidcLabel, url: '/admin/login/oidc' } : null,
      }),
    }),
    route({
      method: 'POST',
      path: '/api/v1/auth/login',
      access: 'anyone',
      csrfExempt: true,
      tag: 'Auth',
      summary: 'Sign in with email and password (sets the session cookie)',
      description:
        'With two-factor sign-in on, the session is good only for POST /api/v1/auth/login/totp until a code is given. Rate-limited per IP; repeated failures lock the email for that address (429 locked), and many from every address lock it account-wide for a while (except from addresses the person signed in from). An email without an account gets the same answers.',
      body: credentials,
      response: meSchema,
      async handle(ctx, { body }, http) {
        const made = await signIn({ ...deps.signIn, store: ctx.store, now: ctx.now }, body, http);
        http.setSessionCookie(made.secret, SESSION_ABSOLUTE_MS);
        return { user: publicUser(made.user), csrf_token: made.session.csrfToken, mfa_required: made.mfaRequired };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/auth/login/totp',
      access: 'anyone',
      csrfExempt: true,
      acceptsPendingSecondFactor: true,
      tag: 'Auth',
      summary: 'Second sign-in step: a TOTP code or a recovery code',
      body: z.object({ code: z.string().trim().min(6).max(40) }).strict(),
      response: meSchema,
      async handle(ctx, { body }, http) {
        if (!http.sessionIdHash) throw new AdminError('unauthorized', 'Sign in with your password first.');
        const made = await completeTwoFactor({ store: ctx.store, now: ctx.now }, http.sessionIdHash, body.code, http);
        http.setSessionCookie(made.secret, SESSION_ABSOLUTE_MS);
        return { user: publicUser(made.user), csrf_token: made.session.csrfToken, mfa_required: false };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/auth/logout',
      access: 'signed_in',
      tag: 'Auth',
      summary: 'Sign out (the session ends on the server)',
      successStatus: 204,
      async handle(ctx, _input, http) {
        if (http.sessionIdHash) await ctx.store.admin.deleteSession(http.sessionIdHash);
        http.clearSessionCookie();
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/auth/me',
      access: 'signed_in',
      tag: 'Auth',
      summary: 'Who is signed in, and the CSRF token to send with writes',
      response: meSchema,
      handle: (ctx, _input, http) => me(ctx, http.sessionIdHash),
    }),
    route({
      method: 'POST',
      path: '/api/v1/auth/password',
      access: 'signed_in',
      tag: 'Auth',
      summary: "Change one's own password (every other session ends)",
      body: z.object({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) }).strict(),
      successStatus: 204,
      async handle(ctx, { body }, http) {
        await changePassword(ctx, body, http.sessionIdHash, (p, email) => checkPasswordStrength(p, { email }));
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/auth/totp/setup',
      access: 'signed_in',
      tag: 'Auth',
      summary: 'Start two-factor enrolment: a new TOTP secret and its otpauth:// URI',
      response: z.object({ secret: z.string(), uri: z.string() }),
      handle: (ctx) => startTotpEnrolment(ctx, deps.issuer),
    }),
    route({
      method: 'POST',
      path: '/api/v1/auth/totp/enable',
      access: 'signed_in',
      tag: 'Auth',
      summary: 'Confirm a code from the new secret: two-factor is on; recovery codes are shown once',
      body: z.object({ code: z.string().trim().min(6).max(10) }).strict(),
      response: z.object({ recovery_codes: z.array(z.string()) }),
      async handle(ctx, { body }) {
        return { recovery_codes: (await enableTotp(ctx, body.code)).recoveryCodes };
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/auth/totp/disable',
      access: 'signed_in',
      tag: 'Auth',
      summary: 'Turn two-factor sign-in off (needs the password)',
      body: z.object({ password: z.string().min(1).max(256) }).strict(),
      successStatus: 204,
      handle: (ctx, { body }) => disableTotp(ctx, body.password),
    }),
  ];
}
