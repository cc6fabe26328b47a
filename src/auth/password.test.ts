import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  checkPasswordStrength,
  DUMMY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  PASSWORD_POLICY,
  verifyPassword,
} from './password.ts';

/** A hash in our format made directly with node:crypto, so the format is checked independently. */
function legacyHash(plain: string, ln: number, r: number, p: number, keyBytes = 64): string {
  const salt = randomBytes(16);
  const key = scryptSync(plain, salt, keyBytes, { N: 2 ** ln, r, p });
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

describe('hashPassword / verifyPassword', () => {
  test('round trip, current parameters, fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    assert.match(a, /^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{86}$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('correct horse battery staple', a), true);
    assert.equal(await verifyPassword('correct horse battery stapler', a), false);
    assert.equal(await verifyPassword('', a), false);
    assert.equal(needsRehash(a), false);
  });

  test('unicode is normalised before hashing', async () => {
    const composed = 'caf\u00e9 au lait 2024';
    const decomposed = 'cafe\u0301 au lait 2024';
    assert.equal(await verifyPassword(decomposed, await hashPassword(composed)), true);
  });

  test('older parameters still verify and ask for a rehash', async () => {
    const old = legacyHash('old password here', 14, 8, 1);
    assert.equal(await verifyPassword('old password here', old), true);
    assert.equal(await verifyPassword('other password', old), false);
    assert.equal(needsRehash(old), true);
  });

  const rehashRows: [string, string, boolean][] = [
    ['lower N', legacyHash('x', 12, 8, 1), true],
    ['lower r', legacyHash('x', 12, 4, 1).replace('ln=12', 'ln=17'), true],
    ['shorter key', legacyHash('x', 12, 8, 1, 32).replace('ln=12', 'ln=17'), true],
    ['stronger than current', legacyHash('x', 12, 8, 2).replace('ln=12', 'ln=18'), false],
    ['malformed', 'bcrypt$whatever', true],
  ];
  for (const [name, encoded, expected] of rehashRows) {
    test(`needsRehash: ${name}`, () => assert.equal(needsRehash(encoded), expected));
  }

  const malformed: [string, string][] = [
    ['empty', ''],
    ['other scheme', '$2b$12$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234'],
    ['missing key', 'scrypt$ln=17,r=8,p=1$WTib9vC03JWY18IS12r6BQ'],
    ['bad base64', 'scrypt$ln=17,r=8,p=1$WTib9v*03JWY18IS12r6BQ$AAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N far too large', 'scrypt$ln=40,r=8,p=1$WTib9vC03JWY18IS12r6BQ$AAAAAAAAAAAAAAAAAAAAAAAA'],
    ['r zero', 'scrypt$ln=17,r=0,p=1$WTib9vC03JWY18IS12r6BQ$AAAAAAAAAAAAAAAAAAAAAAAA'],
    ['key too short', 'scrypt$ln=17,r=8,p=1$WTib9vC03JWY18IS12r6BQ$AAAA'],
    ['trailing junk', `${DUMMY_PASSWORD_HASH}$extra`],
  ];
  for (const [name, encoded] of malformed) {
    test(`verifyPassword is false, not a throw, for ${name}`, async () => {
      assert.equal(await verifyPassword('anything at all', encoded), false);
    });
  }

  test('the dummy hash is of current cost and matches nothing', async () => {
    assert.equal(needsRehash(DUMMY_PASSWORD_HASH), false);
    assert.equal(await verifyPassword('', DUMMY_PASSWORD_HASH), false);
    assert.equal(await verifyPassword('password1234', DUMMY_PASSWORD_HASH), false);
  });
});

describe('checkPasswordStrength', () => {
  const rows: { name: string; plain: string; email?: string; reason: RegExp | null }[] = [
    { name: 'long enough', plain: 'lighthouse keeper 7', reason: null },
    { name: 'exactly the minimum', plain: 'a'.repeat(11) + 'b', reason: null },
    { name: 'too short', plain: 'short pass', reason: /at least 12/ },
    { name: 'too short counts code points, not UTF-16 units', plain: '😀'.repeat(11), reason: /at least 12/ },
    { name: 'too long', plain: 'x'.repeat(PASSWORD_POLICY.maxLength) + 'y', reason: /at most 256/ },
    { name: 'at the maximum', plain: 'xy'.repeat(PASSWORD_POLICY.maxLength / 2), reason: null },
    { name: 'common', plain: 'Password1234', reason: /too common/ },
    { name: 'one repeated character', plain: 'zzzzzzzzzzzzzz', reason: /single character/ },
    { name: 'equals the email', plain: 'alice@example.com', email: 'alice@example.com', reason: /email/ },
    { name: 'contains the local part', plain: 'my name is ALICE!!', email: 'alice@example.com', reason: /email/ },
    { name: 'a tiny local part is not a rule', plain: 'a wonderful evening', email: 'a@example.com', reason: null },
    { name: 'unrelated email', plain: 'lighthouse keeper 7', email: 'bob@example.com', reason: null },
  ];
  for (const { name, plain, email, reason } of rows) {
    test(name, () => {
      const got = checkPasswordStrength(plain, { email });
      if (reason === null) assert.equal(got, null);
      else assert.match(got ?? '', reason);
    });
  }
});
