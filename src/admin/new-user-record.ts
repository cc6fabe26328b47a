import type { Role } from '../domain/access.ts';
import { newId } from '../domain/ids.ts';
import type { UserRecord } from '../store/admin-store.ts';

export interface NewUserFields {
  email: string;
  name: string;
  role: Role;
  /** null: no password (single sign-on only, or set later) */
  passwordHash: string | null;
  now: number;
  /** set when the user comes from an OpenID Connect provider */
  oidc?: { issuer: string; subject: string };
  /** for a user made while signing in (setup link, first SSO login) */
  signedInNow?: boolean;
}

/** A new account's row: no second factor, a fresh id. */
export function newUserRecord(f: NewUserFields): UserRecord {
  return {
    id: newId(),
    email: f.email,
    name: f.name,
    role: f.role,
    passwordHash: f.passwordHash,
    totpSecret: null,
    totpEnabled: false,
    recoveryCodeHashes: [],
    oidcIssuer: f.oidc?.issuer ?? null,
    oidcSubject: f.oidc?.subject ?? null,
    createdAt: f.now,
    updatedAt: f.now,
    passwordChangedAt: f.passwordHash === null ? null : f.now,
    lastLoginAt: f.signedInNow ? f.now : null,
    totpLastStep: null,
    credentialVersion: 0,
  };
}
