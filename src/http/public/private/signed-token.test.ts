import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenSigner } from './signed-token.ts';

const signer = new TokenSigner('a-secret-of-at-least-thirty-two-characters');
const other = new TokenSigner('another-secret-of-thirty-two-characters!');
const token = signer.sign('page', { s: 'secret' }, 2000);

test('a signed token reads back only unchanged, unexpired, for its purpose and under its secret', () => {
  const [body, mac] = token.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ s: 'other', p: 'page', x: 2000 })).toString('base64url');
  const rows: [string, string | undefined, 'page' | 'grant', TokenSigner, number, boolean][] = [
    ['valid', token, 'page', signer, 1000, true],
    ['expired', token, 'page', signer, 2000, false],
    ['other purpose', token, 'grant', signer, 1000, false],
    ['other secret', token, 'page', other, 1000, false],
    ['payload swapped', `${forged}.${mac}`, 'page', signer, 1000, false],
    ['mac cut', `${body}.${mac.slice(1)}`, 'page', signer, 1000, false],
    ['no mac', body, 'page', signer, 1000, false],
    ['absent', undefined, 'page', signer, 1000, false],
    ['garbage', '!!.??', 'page', signer, 1000, false],
  ];
  for (const [name, t, purpose, s, now, ok] of rows) assert.equal(s.read(purpose, t, now) !== undefined, ok, name);
  assert.equal(signer.read('page', token, 1000)?.s, 'secret');
});
