import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isSessionExpired,
  mfaPendingExpiry,
  SESSION_COOKIE,
  sessionCookieOptions,
  sessionExpiry,
  shouldTouchSession,
} from './session-policy.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const t0 = 1_700_000_000_000;

test('sessionExpiry: idle timeout, capped by the absolute lifetime', () => {
  const rows: [string, number, number, number][] = [
    ['just created', t0, t0, t0 + 12 * HOUR],
    ['used an hour later', t0, t0 + HOUR, t0 + 13 * HOUR],
    ['used on day 6', t0, t0 + 6 * DAY, t0 + 6 * DAY + 12 * HOUR],
    ['used late on day 7: absolute limit wins', t0, t0 + 7 * DAY - HOUR, t0 + 7 * DAY],
    ['used after the absolute limit', t0, t0 + 8 * DAY, t0 + 7 * DAY],
  ];
  for (const [name, createdAt, lastSeenAt, expected] of rows)
    assert.equal(sessionExpiry(createdAt, lastSeenAt), expected, name);
});

test('isSessionExpired at and after expiresAt', () => {
  const rows: [number, boolean][] = [
    [t0 - 1, false],
    [t0, true],
    [t0 + 1, true],
  ];
  for (const [now, expected] of rows) assert.equal(isSessionExpired({ expiresAt: t0 }, now), expected, String(now));
});

test('MFA-pending sessions are short', () => {
  assert.equal(mfaPendingExpiry(t0), t0 + 10 * MIN);
});

test('shouldTouchSession at most once a minute', () => {
  const rows: [number, boolean][] = [
    [0, false],
    [MIN - 1, false],
    [MIN, true],
    [HOUR, true],
  ];
  for (const [since, expected] of rows) assert.equal(shouldTouchSession(t0, t0 + since), expected, String(since));
});

test('cookie name and options', () => {
  assert.equal(SESSION_COOKIE, 'pharos_session');
  for (const secure of [true, false]) {
    assert.deepEqual(sessionCookieOptions({ secure }), {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: 7 * 24 * 3600,
    });
  }
});
