import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  FAMILIAR_CLIENT_MS,
  isLocked,
  LOCKOUT_POLICIES,
  lockAfterFailure,
  lockoutMessage,
  passwordLockedUntil,
} from './account-lockout.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = 1_700_000_000_000;

describe('lockAfterFailure', () => {
  const rows: { policy: keyof typeof LOCKOUT_POLICIES; failures: number; lockMs: number | null }[] = [
    { policy: 'client', failures: 1, lockMs: null },
    { policy: 'client', failures: 4, lockMs: null },
    { policy: 'client', failures: 5, lockMs: 15 * MIN },
    { policy: 'client', failures: 6, lockMs: null },
    { policy: 'client', failures: 10, lockMs: 30 * MIN },
    { policy: 'client', failures: 15, lockMs: HOUR },
    { policy: 'client', failures: 35, lockMs: 16 * HOUR },
    { policy: 'client', failures: 40, lockMs: 24 * HOUR },
    { policy: 'client', failures: 10_000, lockMs: 24 * HOUR },
    { policy: 'account', failures: 5, lockMs: null },
    { policy: 'account', failures: 49, lockMs: null },
    { policy: 'account', failures: 50, lockMs: 15 * MIN },
    { policy: 'account', failures: 100, lockMs: 30 * MIN },
    { policy: 'account', failures: 500, lockMs: 4 * HOUR },
    { policy: 'secondFactor', failures: 4, lockMs: null },
    { policy: 'secondFactor', failures: 5, lockMs: 15 * MIN },
    { policy: 'client', failures: 0, lockMs: null },
  ];
  for (const { policy, failures, lockMs } of rows) {
    test(`${policy}: failure ${failures} → ${lockMs === null ? 'no lock' : `${lockMs / MIN} min`}`, () => {
      assert.equal(lockAfterFailure(failures, LOCKOUT_POLICIES[policy], now), lockMs === null ? null : now + lockMs);
    });
  }
});

test('isLocked', () => {
  const rows: [number | null, boolean][] = [
    [null, false],
    [now - 1, false],
    [now, false],
    [now + 1, true],
  ];
  for (const [lockedUntil, expected] of rows) assert.equal(isLocked(lockedUntil, now), expected, String(lockedUntil));
});

describe('passwordLockedUntil', () => {
  const locked = (until: number, lastSuccessAt: number | null = null) => ({ lockedUntil: until, lastSuccessAt });
  const clean = (lastSuccessAt: number | null = null) => ({ lockedUntil: null, lastSuccessAt });
  const rows: { name: string; limits: Parameters<typeof passwordLockedUntil>[0]; until: number | null }[] = [
    { name: 'no rows', limits: {}, until: null },
    { name: 'client locked', limits: { client: locked(now + MIN) }, until: now + MIN },
    { name: 'client lock over', limits: { client: locked(now) }, until: null },
    { name: 'account locked, new client', limits: { account: locked(now + HOUR) }, until: now + HOUR },
    {
      name: 'account locked, client with failures only',
      limits: { account: locked(now + HOUR), client: clean() },
      until: now + HOUR,
    },
    {
      name: 'account locked, familiar client',
      limits: { account: locked(now + HOUR), client: clean(now - 1) },
      until: null,
    },
    {
      name: 'account locked, client familiar long ago',
      limits: { account: locked(now + HOUR), client: clean(now - FAMILIAR_CLIENT_MS) },
      until: now + HOUR,
    },
    {
      name: 'familiar client locked itself',
      limits: { account: locked(now + HOUR), client: locked(now + MIN, now - 1) },
      until: now + MIN,
    },
    {
      name: 'both locked: the later',
      limits: { account: locked(now + HOUR), client: locked(now + 2 * HOUR) },
      until: now + 2 * HOUR,
    },
  ];
  for (const { name, limits, until } of rows) test(name, () => assert.equal(passwordLockedUntil(limits, now), until));
});

test('lockoutMessage', () => {
  const rows: [number, string][] = [
    [15 * MIN, '15 minutes'],
    [14 * MIN, '14 minutes'],
    [13 * MIN + 1, '14 minutes'],
    [61_000, '2 minutes'],
    [60_000, '1 minute'],
    [1, '1 minute'],
    [0, '1 minute'],
    [90 * MIN, '90 minutes'],
    [2 * HOUR, '2 hours'],
    [23 * HOUR + 1, '24 hours'],
  ];
  for (const [left, wait] of rows) {
    assert.equal(lockoutMessage(now + left, now), `Too many failed sign-ins. Try again in ${wait}.`, String(left));
  }
  assert.equal(lockoutMessage(now + MIN, now, 'wrong codes'), 'Too many wrong codes. Try again in 1 minute.');
});
