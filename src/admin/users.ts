import { newUserRecord } from './new-user-record.ts';
import { checkPasswordStrength, hashPassword } from '../auth/password.ts';
import { mayAssignRole, type Role } from '../domain/access.ts';
import type { UserRecord } from '../store/admin-store.ts';
import { requirePermission } from './actor.ts';
import { AdminError, notFound } from './admin-error.ts';
import { audit } from './audit.ts';
import type { ServiceContext } from './service-context.ts';
import { accountLocks, clearSignInLocks } from './sign-in-limits.ts';

/** A user as the API shows it: no hashes, no secrets. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  totp_enabled: boolean;
  sso: boolean;
  locked_until: string | null;
  created_at: string;
  last_login_at: string | null;
}

/** `lockedUntil`: the account-wide sign-in lock (sign-in-limits.ts `accountLocks`), when there is one. */
export function publicUser(u: UserRecord, lockedUntil: number | null = null): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    totp_enabled: u.totpEnabled,
    sso: u.oidcSubject !== null,
    locked_until: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
    created_at: new Date(u.createdAt).toISOString(),
    last_login_at: u.lastLoginAt === null ? null : new Date(u.lastLoginAt).toISOString(),
  };
}

export async function listUsers(ctx: ServiceContext): Promise<PublicUser[]> {
  requirePermission(ctx.actor, 'manage');
  const users = await ctx.store.admin.listUsers();
  const locks = await accountLocks(ctx.store.admin, users, ctx.now());
  return users.map((u) => publicUser(u, locks.get(u.id) ?? null));
}

export async function getUser(ctx: ServiceContext, id: string): Promise<PublicUser> {
  requirePermission(ctx.actor, 'manage');
  const user = await ctx.store.admin.getUser(id);
  if (!user) throw notFound('user', id);
  return publicUser(user, (await accountLocks(ctx.store.admin, [user], ctx.now())).get(user.id) ?? null);
}

export interface NewUserInput {
  email: string;
  name?: string;
  role: Role;
  password?: string;
}

/** A new account (by an admin, or the owner by the CLI / setup link). Owners are made only by owners. */
export async function createUser(ctx: ServiceContext, input: NewUserInput): Promise<PublicUser> {
  requirePermission(ctx.actor, 'manage');
  if (!mayAssignRole(ctx.actor.role, input.role))
    throw new AdminError('forbidden', 'only an owner can create an owner');
  const email = input.email.trim().toLowerCase();
  if (input.password !== undefined) {
    const weak = checkPasswordStrength(input.password, { email });
    if (weak)
      throw new AdminError('invalid_input', `body.password: ${weak}`, {
        issues: [{ path: 'body.password', message: weak }],
      });
  }
  const now = ctx.now();
  const user = newUserRecord({
    email,
    name: input.name?.trim() || email.split('@')[0]!,
    role: input.role,
    passwordHash: input.password === undefined ? null : await hashPassword(input.password),
    now,
  });
  await ctx.store.admin.transaction(async (tx) => {
    if (await tx.getUserByEmail(email))
      throw new AdminError('conflict', `a user with the email "${email}" already exists`);
    await tx.createUser(user);
    await audit(tx, ctx.actor, now, 'user.create', { type: 'user', id: user.id }, null, publicUser(user));
  });
  return publicUser(user);
}

export interface UserPatch {
  name?: string;
  role?: Role;
  password?: string;
  /** clear a lockout */
  unlock?: boolean;
}

/**
 * Change someone's name, role or password. A new password (an admin's reset) ends every session of that person,
 * and by the credential version also any a sign-in in flight would make with the old one. Nobody removes the last owner.
 */
export async function updateUser(ctx: ServiceContext, id: string, patch: UserPatch): Promise<PublicUser> {
  requirePermission(ctx.actor, 'manage');
  const now = ctx.now();
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  return ctx.store.admin.transaction(async (tx) => {
    const user = await tx.getUser(id);
    if (!user) throw notFound('user', id);
    if (!mayAssignRole(ctx.actor.role, user.role))
      throw new AdminError('forbidden', 'only an owner can change an owner');
    if (patch.role && !mayAssignRole(ctx.actor.role, patch.role))
      throw new AdminError('forbidden', 'only an owner can make someone an owner');
    if (patch.password !== undefined) {
      const weak = checkPasswordStrength(patch.password, { email: user.email });
      if (weak)
        throw new AdminError('invalid_input', `body.password: ${weak}`, {
          issues: [{ path: 'body.password', message: weak }],
        });
    }
    if (user.role === 'owner' && patch.role && patch.role !== 'owner') await ensureAnotherOwner(tx, id);
    const lockBefore = (await accountLocks(tx, [user], now)).get(id) ?? null;
    const next: UserRecord = {
      ...user,
      name: patch.name?.trim() || user.name,
      role: patch.role ?? user.role,
      updatedAt: now,
    };
    await tx.updateUser(id, { name: next.name, role: next.role, updatedAt: now });
    if (passwordHash) {
      next.credentialVersion = await tx.setPassword(id, passwordHash, now);
      next.passwordHash = passwordHash;
      next.passwordChangedAt = now;
    }
    if (patch.unlock) await clearSignInLocks(tx, user);
    if (passwordHash || (patch.role && patch.role !== user.role)) await tx.deleteSessionsOfUser(id);
    const lockAfter = patch.unlock ? null : lockBefore;
    await audit(tx, ctx.actor, now, 'user.update', { type: 'user', id }, publicUser(user, lockBefore), {
      ...publicUser(next, lockAfter),
      passwordChanged: passwordHash !== undefined,
    });
    return publicUser(next, lockAfter);
  });
}

export async function deleteUser(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx.actor, 'manage');
  const now = ctx.now();
  await ctx.store.admin.transaction(async (tx) => {
    const user = await tx.getUser(id);
    if (!user) throw notFound('user', id);
    if (!mayAssignRole(ctx.actor.role, user.role))
      throw new AdminError('forbidden', 'only an owner can remove an owner');
    if (user.role === 'owner') await ensureAnotherOwner(tx, id);
    await tx.deleteUser(id);
    await audit(tx, ctx.actor, now, 'user.delete', { type: 'user', id }, publicUser(user), null);
  });
}

async function ensureAnotherOwner(tx: ServiceContext['store']['admin'], id: string): Promise<void> {
  const owners = (await tx.listUsers()).filter((u) => u.role === 'owner' && u.id !== id);
  if (owners.length === 0) throw new AdminError('conflict', 'this is the last owner; make someone else an owner first');
}
