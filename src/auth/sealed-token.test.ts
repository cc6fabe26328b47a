import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenSealer } from './sealed-token.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

test('a sealed token opens with the same secret and purpose, until it expires', () => {
  const a = new TokenSealer(SECRET, 'oidc');
  const b = new TokenSealer(SECRET, 'oidc'); // another replica
  const token = a.seal({ nonce: 'n-123', verifier: 'v' }, 2_000);
  assert.deepEqual(b.open(token, 1_000), { nonce: 'n-123', verifier: 'v' });
  assert.equal(b.open(token, 2_000), undefined);
});

test('its content cannot be read from the token', () => {
  const token = new TokenSealer(SECRET, 'oidc').seal({ nonce: 'very-recognisable-nonce' }, 2_000);
  assert.ok(!Buffer.from(token, 'base64url').toString('latin1').includes('very-recognisable-nonce'));
});

test('another secret, another purpose, a changed byte or garbage: nothing', () => {
  const token = new TokenSealer(SECRET, 'oidc').seal({ a: 1 }, 2_000);
  assert.equal(new TokenSealer(`${SECRET}x`, 'oidc').open(token, 1), undefined);
  assert.equal(new TokenSealer(SECRET, 'other').open(token, 1), undefined);
  const raw = Buffer.from(token, 'base64url');
  for (const i of [0, 13, raw.length - 1]) {
    const bad = Buffer.from(raw);
    bad[i] = (bad[i] ?? 0) ^ 1;
    assert.equal(new TokenSealer(SECRET, 'oidc').open(bad.toString('base64url'), 1), undefined, `byte ${i}`);
  }
  for (const junk of [undefined, '', 'abc', '!!!', 'x'.repeat(9000)])
    assert.equal(new TokenSealer(SECRET, 'oidc').open(junk, 1), undefined);
});
