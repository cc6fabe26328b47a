import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterFailedLogin, afterSuccessfulLogin, isLocked, lockoutMessage, type LockoutState } from './account-lockout.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = 1_700_000_000_000;

describe('afterFailedLogin', () => {
  const rows: { before: LockoutState; after: LockoutState }[] = [
    { before: { failedLogins: 0, lockedUntil: null }, after: { failedLogins: 1, lockedUntil: null } },
    { before: { failedLogins: 3, lockedUntil: null }, after: { failedLogins: 4, lockedUntil: null } },
    { before: { failedLogins: 4, lockedUntil: null }, after: { failedLogins: 5, lockedUntil: now + 15 * MIN } },
    { before: { failedLogins: 5, lockedUntil: now - 1 }, after: { failedLogins: 6, lockedUntil: now - 1 } },
    { before: { failedLogins: 9, lockedUntil: now - 1 }, after: { failedLogins: 10, lockedUntil: now + 30 * MIN } },
    { before: { failedLogins: 14, lockedUntil: null }, after: { failedLogins: 15, lockedUntil: now + HOUR } },
    { before: { failedLogins: 19, lockedUntil: null }, after: { failedLogins: 20, lockedUntil: now + 2 * HOUR } },
    { before: { failedLogins: 34, lockedUntil: null }, after: { failedLogins: 35, lockedUntil: now + 16 * HOUR } },
    { before: { failedLogins: 39, lockedUntil: null }, after: { failedLogins: 40, lockedUntil: now + 24 * HOUR } },
    { before: { failedLogins: 9_999, lockedUntil: null }, after: { failedLogins: 10_000, lockedUntil: now + 24 * HOUR } },
  ];
  for (const { before, after } of rows) {
    test(`${before.failedLogins} → ${after.failedLogins}`, () => assert.deepEqual(afterFailedLogin(before, now), after));
  }

  test('five failures in a row from a clean start lock for 15 minutes', () => {
    let state = afterSuccessfulLogin();
    for (let i = 0; i < 4; i++) {
      state = afterFailedLogin(state, now);
      assert.equal(isLocked(state, now), false);
    }
    state = afterFailedLogin(state, now);
    assert.equal(isLocked(state, now), true);
    assert.equal(isLocked(state, now + 15 * MIN - 1), true);
    assert.equal(isLocked(state, now + 15 * MIN), false);
    assert.deepEqual(afterSuccessfulLogin(), { failedLogins: 0, lockedUntil: null });
  });
});

test('isLocked', () => {
  const rows: [number | null, boolean][] = [
    [null, false],
    [now - 1, false],
    [now, false],
    [now + 1, true],
  ];
  for (const [lockedUntil, expected] of rows) assert.equal(isLocked({ lockedUntil }, now), expected, String(lockedUntil));
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
});
