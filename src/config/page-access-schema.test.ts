import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageAccessMethods, pageAccessSchema } from './page-access-schema.ts';

const HASH =
  'scrypt$ln=17,r=8,p=1$csDqgcHg+tcZ9eCuPdEUEg$PvTRKJPhLU9353nnXjea2R7rf+4w2Y0NQrbzcPtMuDzV3xv/5ZFDHOF1ANNojuntNm0ya55mtzDEOzfJGGIJ4Q';

test('page access settings: at least one method, hashes not passwords, CIDRs, SSO lists only with SSO', () => {
  const rows: [string, unknown, string[] | null][] = [
    ['password', { password_hash: HASH }, ['password']],
    [
      'all four',
      { password_hash: HASH, oidc: true, ip_allow: ['10.0.0.0/8', '::1'], signed_in: true },
      ['password', 'oidc', 'ip', 'signed_in'],
    ],
    ['sso with a group list', { oidc: true, oidc_groups: ['ops'] }, ['oidc']],
    ['nothing', {}, null],
    ['a plain password', { password_hash: 'hunter2hunter2' }, null],
    ['a bad CIDR', { ip_allow: ['10.0.0.0/33'] }, null],
    ['an empty allow-list', { ip_allow: [] }, null],
    ['emails without SSO', { signed_in: true, oidc_emails: ['a@b.c'] }, null],
    ['unknown key', { signed_in: true, password: 'x' }, null],
    ['session too short', { signed_in: true, session: '10s' }, null],
  ];
  for (const [name, input, methods] of rows) {
    const parsed = pageAccessSchema.safeParse(input);
    assert.equal(parsed.success, methods !== null, name);
    if (parsed.success) assert.deepEqual(pageAccessMethods(parsed.data), methods, name);
  }
  assert.equal(pageAccessSchema.parse({ signed_in: true, session: '2h' }).session, 7_200_000);
});
