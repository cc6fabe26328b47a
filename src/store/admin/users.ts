import type { Insertable, Selectable, Updateable } from 'kysely';
import type { UserRecord } from '../admin-store.ts';
import type { UsersTable } from '../schema.ts';
import { insertOrDuplicate } from '../store-errors.ts';
import type { StoreContext } from '../store-context.ts';

type UserPatch = Partial<Omit<UserRecord, 'id' | 'createdAt'>>;

export async function countUsers(ctx: StoreContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every user, by email. */
export async function listUsers(ctx: StoreContext): Promise<UserRecord[]> {
  const rows = await ctx.db.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map(toUser);
}

export async function getUser(ctx: StoreContext, id: string): Promise<UserRecord | undefined> {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function getUserByEmail(ctx: StoreContext, email: string): Promise<UserRecord | undefined> {
  const row = await ctx.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row && toUser(row);
}

export async function getUserByOidcSubject(
  ctx: StoreContext,
  issuer: string,
  subject: string,
): Promise<UserRecord | undefined> {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
  return row && toUser(row);
}

/** Throws DuplicateError when the email (in any case) or the OIDC identity is taken. */
export async function createUser(ctx: StoreContext, user: UserRecord): Promise<void> {
  await insertOrDuplicate(`user ${user.email.toLowerCase()}`, () =>
    ctx.db
      .insertInto('users')
      // a whole UserRecord gives every column
      .values({
        ...(userColumns(user) as Omit<Insertable<UsersTable>, 'id' | 'created_at'>),
        id: user.id,
        created_at: user.createdAt,
      })
      .execute(),
  );
}

/** Throws DuplicateError when the patch gives an email (or OIDC identity) another user has. */
export async function updateUser(ctx: StoreContext, id: string, patch: UserPatch): Promise<void> {
  const set = userColumns(patch);
  if (Object.values(set).every((v) => v === undefined)) return;
  await insertOrDuplicate(`user ${patch.email?.toLowerCase() ?? id}`, () =>
    ctx.db.updateTable('users').set(set).where('id', '=', id).execute(),
  );
}

/** A new password hash and one more credential version, in one statement; returns the new version (0 when no such user). */
export async function setPassword(ctx: StoreContext, id: string, passwordHash: string, now: number): Promise<number> {
  const row = await ctx.db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      password_changed_at: now,
      updated_at: now,
      credential_version: eb('credential_version', '+', 1),
    }))
    .where('id', '=', id)
    .returning('credential_version')
    .executeTakeFirst();
  return row?.credential_version ?? 0;
}

/** Compare-and-set on the last used step: of two replicas given the same code, one wins. */
export async function claimTotpStep(ctx: StoreContext, id: string, step: number): Promise<boolean> {
  const r = await ctx.db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Compare-and-set on the JSON list: a recovery code spent twice at once is spent once. */
export async function replaceRecoveryCodes(
  ctx: StoreContext,
  id: string,
  expected: readonly string[],
  next: readonly string[],
): Promise<boolean> {
  const r = await ctx.db
    .updateTable('users')
    .set({ recovery_code_hashes: JSON.stringify(next) })
    .where('id', '=', id)
    .where('recovery_code_hashes', '=', JSON.stringify(expected))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The user row only: the caller deletes its sessions and tokens first, in the same transaction. */
export async function deleteUserRow(ctx: StoreContext, id: string): Promise<void> {
  await ctx.db.deleteFrom('users').where('id', '=', id).execute();
}

/** The columns of the fields given; Kysely leaves undefined ones out, so a patch changes only what it names. */
function userColumns(u: UserPatch): Updateable<UsersTable> {
  return {
    email: u.email?.toLowerCase(),
    name: u.name,
    role: u.role,
    password_hash: u.passwordHash,
    totp_secret: u.totpSecret,
    totp_enabled: u.totpEnabled === undefined ? undefined : u.totpEnabled ? 1 : 0,
    recovery_code_hashes: u.recoveryCodeHashes && JSON.stringify(u.recoveryCodeHashes),
    oidc_issuer: u.oidcIssuer,
    oidc_subject: u.oidcSubject,
    updated_at: u.updatedAt,
    password_changed_at: u.passwordChangedAt,
    last_login_at: u.lastLoginAt,
    totp_last_step: u.totpLastStep,
    credential_version: u.credentialVersion,
  };
}

function toUser(r: Selectable<UsersTable>): UserRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpEnabled: r.totp_enabled === 1,
    recoveryCodeHashes: JSON.parse(r.recovery_code_hashes) as string[],
    oidcIssuer: r.oidc_issuer,
    oidcSubject: r.oidc_subject,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    passwordChangedAt: r.password_changed_at,
    lastLoginAt: r.last_login_at,
    totpLastStep: r.totp_last_step,
    credentialVersion: r.credential_version,
  };
}
