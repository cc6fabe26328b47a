import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { hashSecret, newCsrfToken, newSecret, safeEqual, SECRET_PREFIXES } from './secret-token.ts';

describe('newSecret', () => {
  for (const [kind, prefix] of Object.entries(SECRET_PREFIXES)) {
    test(`${kind}: ${prefix} then 43 base64url characters, hash of the whole`, () => {
      const { secret, hash } = newSecret(prefix);
      assert.ok(secret.startsWith(prefix));
      assert.match(secret.slice(prefix.length), /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(secret.slice(prefix.length), 'base64url').length, 32);
      assert.equal(hash, hashSecret(secret));
      assert.notEqual(secret, newSecret(prefix).secret);
    });
  }

  test('prefixes are distinct and none is a prefix of another', () => {
    const all = Object.values(SECRET_PREFIXES);
    for (const a of all) for (const b of all) if (a !== b) assert.ok(!b.startsWith(a), `${a} / ${b}`);
  });
});

test('hashSecret is SHA-256 hex', () => {
  const rows: [string, string][] = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['pht_x', createHash('sha256').update('pht_x').digest('hex')],
  ];
  for (const [input, expected] of rows) assert.equal(hashSecret(input), expected, input);
});

test('safeEqual', () => {
  const rows: [string, string, boolean][] = [
    ['same', 'same', true],
    ['', '', true],
    ['same', 'Same', false],
    ['short', 'short but longer', false],
    ['', 'x', false],
    ['é', 'e\u0301', false],
  ];
  for (const [a, b, expected] of rows) assert.equal(safeEqual(a, b), expected, `${a} vs ${b}`);
});

test('newCsrfToken is 32 random bytes in base64url', () => {
  const a = newCsrfToken();
  assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, newCsrfToken());
});
