import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oidcSchema } from './oidc-schema.ts';

const minimal = {
  issuer: 'https://idp.example.com',
  client_id: 'pharos',
  roles: { viewer: { emails: ['*@example.com'] } },
};

describe('oidcSchema', () => {
  test('defaults', () => {
    assert.deepEqual(oidcSchema.parse(minimal), {
      ...minimal,
      redirect_path: '/admin/login/oidc/callback',
      scopes: ['openid', 'email', 'profile'],
      groups_claim: 'groups',
      button_label: 'Sign in with SSO',
    });
  });

  const accepted: [name: string, input: object][] = [
    ['a confidential client', { ...minimal, client_secret: 's3cret' }],
    ['http on 127.0.0.1', { ...minimal, issuer: 'http://127.0.0.1:8080/realms/x' }],
    ['http on localhost', { ...minimal, issuer: 'http://localhost:8080' }],
    ['custom scopes with openid', { ...minimal, scopes: ['openid', 'groups'] }],
    [
      'every rule kind',
      {
        ...minimal,
        roles: {
          owner: { subjects: ['a'] },
          admin: { emails: ['x@y.z'] },
          editor: { groups: ['g'] },
          viewer: { emails: ['*@y.z'] },
        },
      },
    ],
  ];
  for (const [name, input] of accepted) {
    test(`accepts ${name}`, () => assert.ok(oidcSchema.safeParse(input).success));
  }

  const refused: [name: string, input: object][] = [
    ['plain http elsewhere', { ...minimal, issuer: 'http://idp.example.com' }],
    ['not a URL', { ...minimal, issuer: 'idp.example.com' }],
    ['scopes without openid', { ...minimal, scopes: ['email'] }],
    ['an unknown key', { ...minimal, cilent_id: 'typo' }],
    ['an unknown role', { ...minimal, roles: { superuser: { subjects: ['a'] } } }],
    ['an unknown rule key', { ...minimal, roles: { viewer: { domains: ['example.com'] } } }],
    ['roles that admit nobody', { ...minimal, roles: { viewer: { emails: [] } } }],
    ['no roles', { issuer: minimal.issuer, client_id: 'pharos' }],
    ['a bare domain as an email rule', { ...minimal, roles: { viewer: { emails: ['example.com'] } } }],
    ['a wildcard in the domain', { ...minimal, roles: { viewer: { emails: ['*@*.example.com'] } } }],
    ['a redirect path without /', { ...minimal, redirect_path: 'callback' }],
    ['an empty client secret', { ...minimal, client_secret: '' }],
  ];
  for (const [name, input] of refused) {
    test(`refuses ${name}`, () => assert.equal(oidcSchema.safeParse(input).success, false));
  }
});
