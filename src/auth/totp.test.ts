import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Secret } from 'otpauth';
import { newTotpSecret, totpCodeAt, totpStepAt, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B, SHA-1 rows: the secret is the ASCII string "12345678901234567890".
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;
const rfcVectors: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('RFC 6238 Appendix B (SHA-1, 8 digits)', () => {
  for (const [seconds, code] of rfcVectors) {
    test(`T=${seconds}`, () => assert.equal(totpCodeAt(RFC_SECRET, totpStepAt(seconds * 1000), 8), code));
  }
  for (const [seconds, code] of rfcVectors) {
    test(`6-digit verify at T=${seconds}`, () => {
      assert.deepEqual(verifyTotp(RFC_SECRET, code.slice(-6), seconds * 1000), {
        ok: true,
        step: totpStepAt(seconds * 1000),
      });
    });
  }
});

describe('verifyTotp', () => {
  const secret = RFC_SECRET; // fixed, so every row gives the same answer on every run
  const now = 1_700_000_015_000;
  const step = totpStepAt(now);
  const at = (s: number) => totpCodeAt(secret, s);

  const rows: {
    name: string;
    code: string;
    opts?: Parameters<typeof verifyTotp>[3];
    expected: ReturnType<typeof verifyTotp>;
  }[] = [
    { name: 'current step', code: at(step), expected: { ok: true, step } },
    { name: 'one step behind (clock drift)', code: at(step - 1), expected: { ok: true, step: step - 1 } },
    { name: 'one step ahead', code: at(step + 1), expected: { ok: true, step: step + 1 } },
    { name: 'two steps behind, default window', code: at(step - 2), expected: { ok: false } },
    {
      name: 'two steps behind, window 2',
      code: at(step - 2),
      opts: { window: 2 },
      expected: { ok: true, step: step - 2 },
    },
    { name: 'one step behind, window 0', code: at(step - 1), opts: { window: 0 }, expected: { ok: false } },
    { name: 'spaces ignored', code: `${at(step).slice(0, 3)} ${at(step).slice(3)} `, expected: { ok: true, step } },
    { name: 'replay of the same step', code: at(step), opts: { lastUsedStep: step }, expected: { ok: false } },
    {
      name: 'older step after a newer was used',
      code: at(step - 1),
      opts: { lastUsedStep: step },
      expected: { ok: false },
    },
    {
      name: 'newer step after an older was used',
      code: at(step),
      opts: { lastUsedStep: step - 1 },
      expected: { ok: true, step },
    },
    {
      name: 'null lastUsedStep means none',
      code: at(step),
      opts: { lastUsedStep: null },
      expected: { ok: true, step },
    },
    { name: 'non-digits', code: at(step).slice(0, 5) + 'a', expected: { ok: false } },
    { name: 'dash inside', code: `${at(step).slice(0, 3)}-${at(step).slice(3)}`, expected: { ok: false } },
    { name: 'too short', code: at(step).slice(0, 5), expected: { ok: false } },
    { name: 'too long', code: at(step) + '0', expected: { ok: false } },
    { name: 'empty', code: '', expected: { ok: false } },
    { name: 'full-width digits', code: '１２３４５６', expected: { ok: false } },
  ];
  for (const { name, code, opts, expected } of rows) {
    test(name, () => assert.deepEqual(verifyTotp(secret, code, now, opts), expected));
  }

  test('a wrong code is refused', () => {
    const inWindow = [at(step - 1), at(step), at(step + 1)];
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !inWindow.includes(c)) ?? '444444';
    assert.deepEqual(verifyTotp(secret, wrong, now), { ok: false });
  });

  test('a malformed secret is refused, not thrown', () => {
    assert.deepEqual(verifyTotp('not base32!', '123456', now), { ok: false });
    assert.deepEqual(verifyTotp('', '123456', now), { ok: false });
  });
});

describe('secrets and URIs', () => {
  test('new secrets are 20 random bytes in base32', () => {
    const a = newTotpSecret();
    assert.match(a, /^[A-Z2-7]{32}$/);
    assert.equal(Secret.fromBase32(a).bytes.length, 20);
    assert.notEqual(a, newTotpSecret());
  });

  test('otpauth URI names issuer and account', () => {
    const uri = new URL(totpUri({ secret: RFC_SECRET, account: 'alice@example.com', issuer: 'Acme Status' }));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/Acme Status:alice@example.com');
    assert.equal(uri.searchParams.get('secret'), RFC_SECRET);
    assert.equal(uri.searchParams.get('issuer'), 'Acme Status');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
  });
});
