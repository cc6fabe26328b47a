import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupsFrom, identityFromClaims } from './identity-claims.ts';

describe('identityFromClaims', () => {
  test('the ID token wins; userinfo fills what it lacks', () => {
    const identity = identityFromClaims(
      'https://idp.test',
      { sub: 'u1', email: 'id@token.test' },
      { sub: 'u1', email: 'ui@info.test', email_verified: true, name: 'U', roles: ['a'] },
      'roles',
    );
    assert.deepEqual(identity, {
      issuer: 'https://idp.test',
      subject: 'u1',
      email: 'id@token.test',
      emailVerified: true,
      name: 'U',
      groups: ['a'],
    });
  });

  test('without userinfo and with little in the ID token, the gaps are null or empty', () => {
    assert.deepEqual(identityFromClaims('https://idp.test', { sub: 'u1' }, null, 'groups'), {
      issuer: 'https://idp.test',
      subject: 'u1',
      email: null,
      emailVerified: null,
      name: null,
      groups: [],
    });
  });

  test('preferred_username stands in for a missing name; string booleans are read', () => {
    const identity = identityFromClaims(
      'https://idp.test',
      { sub: 'u1', preferred_username: 'u.one', email_verified: 'false' },
      null,
      'groups',
    );
    assert.equal(identity.name, 'u.one');
    assert.equal(identity.emailVerified, false);
  });
});

describe('groupsFrom', () => {
  const rows: [value: unknown, expected: string[]][] = [
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
    ['solo', ['solo']],
    ['', []],
    [
      ['a', 1, null, '', 'b'],
      ['a', 'b'],
    ],
    [{ a: true }, []],
    [undefined, []],
  ];
  for (const [value, expected] of rows) {
    test(JSON.stringify(value) ?? 'undefined', () => assert.deepEqual(groupsFrom(value), expected));
  }
});
