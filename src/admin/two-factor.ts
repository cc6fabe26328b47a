import { hashPassword, verifyPassword } from '../auth/password.ts';
import { newRecoveryCodes, useRecoveryCode } from '../auth/recovery-codes.ts';
import { newTotpSecret, totpUri, verifyTotp } from '../auth/totp.ts';
import type { Store } from '../store/store.ts';
import { AdminError } from './admin-error.ts';
import { audit } from './audit.ts';
import type { ServiceContext } from './service-context.ts';
import {
  recordPasswordSuccess,
  recordSecondFactorFailure,
  recordSecondFactorSuccess,
  secondFactorLockedUntil,
} from './sign-in-limits.ts';
import { createSession, signInLocked, type NewSession } from './sign-in.ts';

/**
 * The code step of sign-in: a TOTP code or a recovery code turns a half session into a full one (a new secret).
 * Wrong codes are counted per account in the store (src/auth/account-lockout.ts), so signing in again gives no
 * fresh tries; the last accepted TOTP step is kept in the users row, so a code works once on every replica.
 */
export async function completeTwoFactor(
  deps: { store: Store; now(): number },
  sessionIdHash: string,
  code: string,
  client: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const now = deps.now();
  const session = await deps.store.admin.getSession(sessionIdHash);
  if (!session || !session.mfaPending || session.expiresAt <= now)
    throw new AdminError('unauthorized', 'Sign in with your password first.');
  const user = await deps.store.admin.getUser(session.userId);
  // a password change since the password step voids the half session
  if (!user || !user.totpEnabled || !user.totpSecret || user.credentialVersion !== session.credentialVersion)
    throw new AdminError('unauthorized', 'Sign in with your password first.');
  const actor = { type: 'user' as const, userId: user.id, label: user.email, role: user.role, ip: client.ip };

  const lockedUntil = await secondFactorLockedUntil(deps.store.admin, user.id, now);
  if (lockedUntil !== null) {
    await deps.store.admin.deleteSession(sessionIdHash);
    throw signInLocked(lockedUntil, now, 'wrong codes');
  }
  const totp = verifyTotp(user.totpSecret, code, now, { lastUsedStep: user.totpLastStep });
  const remaining = totp.ok ? null : useRecoveryCode(code, user.recoveryCodeHashes);
  const made = await deps.store.admin.transaction(async (tx) => {
    // compare-and-set, so that one code (or one half session) is good once even when two replicas see it at once
    const spent = totp.ok
      ? await tx.claimTotpStep(user.id, totp.step)
      : remaining !== null && (await tx.replaceRecoveryCodes(user.id, user.recoveryCodeHashes, remaining));
    if (!spent) return null;
    if (!(await tx.deleteSession(sessionIdHash)))
      throw new AdminError('unauthorized', 'Sign in with your password first.');
    await tx.updateUser(user.id, { lastLoginAt: now, updatedAt: now });
    await recordSecondFactorSuccess(tx, user.id, now);
    await recordPasswordSuccess(tx, user.email, session.ip, now);
    const full = await createSession(tx, user, now, client);
    await audit(tx, actor, now, 'user.login', { type: 'user', id: user.id }, null, {
      mfa: totp.ok ? 'totp' : 'recovery_code',
      recoveryCodesLeft: remaining?.length,
    });
    return full;
  });
  if (made) return made;

  const failed = await deps.store.admin.transaction(async (tx) => {
    const counted = await recordSecondFactorFailure(tx, user.id, now);
    if (counted.lockedUntil !== null) await tx.deleteSession(sessionIdHash);
    await audit(tx, actor, now, 'user.login.mfa_failed', { type: 'user', id: user.id }, null, {
      attempts: counted.failures,
      locked: counted.lockedUntil !== null,
    });
    return counted;
  });
  if (failed.lockedUntil !== null) throw signInLocked(failed.lockedUntil, now, 'wrong codes');
  throw new AdminError(
    'invalid_input',
    'That code is not right (or was already used). Enter the current code from your app, or a recovery code.',
    {
      issues: [{ path: 'body.code', message: 'wrong or already used code' }],
    },
  );
}

/** Step 1 of turning two-factor on: a new secret (not active until a code from it is confirmed). */
export async function startTotpEnrolment(
  ctx: ServiceContext,
  issuer: string,
): Promise<{ secret: string; uri: string }> {
  const user = await signedInUser(ctx);
  if (user.totpEnabled)
    throw new AdminError('conflict', 'Two-factor sign-in is already on; turn it off first to enrol a new device.');
  const secret = newTotpSecret();
  await ctx.store.admin.updateUser(user.id, { totpSecret: secret, updatedAt: ctx.now() });
  return { secret, uri: totpUri({ secret, account: user.email, issuer }) };
}

/** Step 2: a code from the new secret turns it on and yields recovery codes, shown once. */
export async function enableTotp(ctx: ServiceContext, code: string): Promise<{ recoveryCodes: string[] }> {
  const user = await signedInUser(ctx);
  if (user.totpEnabled) throw new AdminError('conflict', 'Two-factor sign-in is already on.');
  if (!user.totpSecret) throw new AdminError('conflict', 'Start the enrolment first (POST /api/v1/auth/totp/setup).');
  const now = ctx.now();
  const check = verifyTotp(user.totpSecret, code, now, {});
  if (!check.ok)
    throw new AdminError('invalid_input', 'That code is not right; check the time on your device.', {
      issues: [{ path: 'body.code', message: 'wrong code' }],
    });
  const { codes, hashes } = newRecoveryCodes();
  await ctx.store.admin.transaction(async (tx) => {
    // the confirming code is used: it cannot also sign someone in
    await tx.updateUser(user.id, {
      totpEnabled: true,
      recoveryCodeHashes: hashes,
      totpLastStep: check.step,
      updatedAt: now,
    });
    await audit(
      tx,
      ctx.actor,
      now,
      'user.totp.enable',
      { type: 'user', id: user.id },
      { totpEnabled: false },
      { totpEnabled: true },
    );
  });
  return { recoveryCodes: codes };
}

/** Turning two-factor off needs the password again. */
export async function disableTotp(ctx: ServiceContext, password: string): Promise<void> {
  const user = await signedInUser(ctx);
  if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    throw new AdminError('invalid_input', 'The password is wrong.', {
      issues: [{ path: 'body.password', message: 'wrong password' }],
    });
  }
  const now = ctx.now();
  await ctx.store.admin.transaction(async (tx) => {
    await tx.updateUser(user.id, {
      totpEnabled: false,
      totpSecret: null,
      recoveryCodeHashes: [],
      totpLastStep: null,
      updatedAt: now,
    });
    await audit(
      tx,
      ctx.actor,
      now,
      'user.totp.disable',
      { type: 'user', id: user.id },
      { totpEnabled: user.totpEnabled },
      { totpEnabled: false },
    );
  });
}

/**
 * Change one's own password: every other session of the user ends (and, by the credential version, any session a
 * sign-in in flight would still make with the old password); the current one is carried over to the new version.
 */
export async function changePassword(
  ctx: ServiceContext,
  input: { current: string; next: string },
  keepSessionIdHash: string | null,
  checkStrength: (p: string, email: string) => string | null,
): Promise<void> {
  const user = await signedInUser(ctx);
  if (!user.passwordHash || !(await verifyPassword(input.current, user.passwordHash))) {
    throw new AdminError('invalid_input', 'The current password is wrong.', {
      issues: [{ path: 'body.current', message: 'wrong password' }],
    });
  }
  const weak = checkStrength(input.next, user.email);
  if (weak)
    throw new AdminError('invalid_input', `body.next: ${weak}`, { issues: [{ path: 'body.next', message: weak }] });
  const now = ctx.now();
  const hash = await hashPassword(input.next);
  await ctx.store.admin.transaction(async (tx) => {
    const version = await tx.setPassword(user.id, hash, now);
    const ended = await tx.deleteSessionsOfUser(user.id, keepSessionIdHash ?? undefined);
    if (keepSessionIdHash) await tx.updateSession(keepSessionIdHash, { credentialVersion: version });
    await audit(tx, ctx.actor, now, 'user.password.change', { type: 'user', id: user.id }, null, {
      otherSessionsEnded: ended,
    });
  });
}

async function signedInUser(ctx: ServiceContext) {
  if (ctx.actor.type !== 'user' || !ctx.actor.userId)
    throw new AdminError('forbidden', 'Only a signed-in person can do this (not an API token).');
  const user = await ctx.store.admin.getUser(ctx.actor.userId);
  if (!user) throw new AdminError('unauthorized', 'Your account no longer exists.');
  return user;
}
