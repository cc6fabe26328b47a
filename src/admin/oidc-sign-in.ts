import { newUserRecord } from './new-user-record.ts';
import type { OidcIdentity } from '../auth/oidc/identity-claims.ts';
import { roleForClaims } from '../auth/oidc/role-mapping.ts';
import type { OidcConfig } from '../config/oidc-schema.ts';
import type { Store } from '../store/store.ts';
import { AdminError } from './admin-error.ts';
import { audit } from './audit.ts';
import { createSession, type NewSession } from './sign-in.ts';

/**
 * A person the OIDC provider vouched for becomes a session: the role comes from the config's rules each time (so
 * removing someone from a group takes effect at their next sign-in); a first sign-in creates the account, or links
 * an existing one with the same verified email.
 */
export async function signInWithOidc(
  deps: { store: Store; now(): number },
  config: OidcConfig,
  identity: OidcIdentity,
  client: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const now = deps.now();
  const role = roleForClaims(config.roles, {
    sub: identity.subject,
    email: identity.email,
    email_verified: identity.emailVerified,
    groups: identity.groups,
  });
  const label = identity.email ?? `${identity.issuer}#${identity.subject}`;
  if (!role) {
    await deps.store.admin.transaction((tx) =>
      audit(
        tx,
        { type: 'user', userId: null, label, role: 'viewer', ip: client.ip },
        now,
        'user.login.sso_refused',
        { type: 'user', id: null },
        null,
        { issuer: identity.issuer, subject: identity.subject },
      ),
    );
    throw new AdminError(
      'forbidden',
      `${label} signed in with the identity provider but is not allowed into Pharos (no role rule matches).`,
    );
  }
  return deps.store.admin.transaction(async (tx) => {
    let user = await tx.getUserByOidcSubject(identity.issuer, identity.subject);
    const verifiedEmail = identity.email && identity.emailVerified !== false ? identity.email.toLowerCase() : null;
    if (!user && verifiedEmail) user = await tx.getUserByEmail(verifiedEmail);
    let action = 'user.login';
    if (!user) {
      const made = newUserRecord({
        email: verifiedEmail ?? `${identity.subject}@${new URL(identity.issuer).hostname}`.toLowerCase(),
        name: identity.name ?? verifiedEmail ?? identity.subject,
        role,
        passwordHash: null,
        now,
        oidc: { issuer: identity.issuer, subject: identity.subject },
        signedInNow: true,
      });
      await tx.createUser(made);
      user = made;
      action = 'user.create.sso';
    } else {
      const patch = {
        role,
        oidcIssuer: identity.issuer,
        oidcSubject: identity.subject,
        lastLoginAt: now,
        updatedAt: now,
      };
      await tx.updateUser(user.id, patch);
      user = { ...user, ...patch };
    }
    const actor = { type: 'user' as const, userId: user.id, label: user.email, role, ip: client.ip };
    await audit(tx, actor, now, action, { type: 'user', id: user.id }, null, {
      sso: true,
      issuer: identity.issuer,
      role,
    });
    return createSession(tx, user, now, client);
  });
}
