import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oidcRolesSchema } from '../../config/oidc-schema.ts';
import type { Role } from '../../domain/access.ts';
import { emailMatches, roleForClaims, type OidcIdentityClaims } from './role-mapping.ts';

const rules = oidcRolesSchema.parse({
  owner: { subjects: ['root-sub'], emails: ['boss@example.com'] },
  admin: { groups: ['pharos-admins'] },
  editor: { emails: ['*@ops.example.com'], groups: ['oncall'] },
  viewer: { emails: ['*@example.com'] },
});

describe('roleForClaims', () => {
  const rows: [name: string, claims: OidcIdentityClaims, expected: Role | null][] = [
    ['subject match', { sub: 'root-sub' }, 'owner'],
    ['exact verified email', { sub: 's1', email: 'boss@example.com', email_verified: true }, 'owner'],
    ['email compared case-insensitively', { sub: 's1', email: 'Boss@Example.COM', email_verified: true }, 'owner'],
    ['email_verified absent still counts', { sub: 's1', email: 'boss@example.com' }, 'owner'],
    [
      'unverified email does not count for any rule',
      { sub: 's1', email: 'boss@example.com', email_verified: false },
      null,
    ],
    [
      'unverified email, but a group still counts',
      { sub: 's1', email: 'boss@example.com', email_verified: false, groups: ['oncall'] },
      'editor',
    ],
    ['group match', { sub: 's2', groups: ['staff', 'pharos-admins'] }, 'admin'],
    ['groups are exact, case-sensitive', { sub: 's2', groups: ['Pharos-Admins'] }, null],
    ['highest matching role wins', { sub: 'root-sub', groups: ['oncall'], email: 'x@example.com' }, 'owner'],
    ['domain wildcard', { sub: 's3', email: 'amy@ops.example.com', email_verified: true }, 'editor'],
    [
      'wildcard is one exact domain, not its parent',
      { sub: 's3', email: 'amy@example.com', email_verified: true },
      'viewer',
    ],
    ['wildcard does not match a subdomain', { sub: 's3', email: 'amy@eu.ops.example.com', email_verified: true }, null],
    [
      'wildcard does not match a look-alike domain',
      { sub: 's3', email: 'amy@evilexample.com', email_verified: true },
      null,
    ],
    ['no matching rule', { sub: 'stranger', email: 'x@elsewhere.test', email_verified: true, groups: ['other'] }, null],
    ['null claims from the provider', { sub: 'stranger', email: null, email_verified: null, groups: null }, null],
    ['subject is exact', { sub: 'ROOT-SUB' }, null],
  ];
  for (const [name, claims, expected] of rows) {
    test(name, () => assert.equal(roleForClaims(rules, claims), expected));
  }

  test('roles without a rule are skipped', () => {
    const onlyViewer = oidcRolesSchema.parse({ viewer: { subjects: ['a'] } });
    assert.equal(roleForClaims(onlyViewer, { sub: 'a' }), 'viewer');
    assert.equal(roleForClaims(onlyViewer, { sub: 'b' }), null);
  });
});

describe('emailMatches', () => {
  const rows: [pattern: string, email: string, expected: boolean][] = [
    ['a@b.test', 'a@b.test', true],
    ['a@b.test', ' A@B.test ', true],
    ['a@b.test', 'aa@b.test', false],
    ['*@b.test', 'anyone@b.test', true],
    ['*@b.test', 'anyone@c.b.test', false],
    ['*@b.test', '@b.test', false],
    ['*@b.test', 'odd"@"name@b.test', true],
  ];
  for (const [pattern, email, expected] of rows) {
    test(`${pattern} vs ${email}`, () => assert.equal(emailMatches(pattern, email), expected));
  }
});
