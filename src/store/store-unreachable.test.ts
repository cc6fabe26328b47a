import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStoreUnreachable } from './store-unreachable.ts';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

const rows: [string, unknown, boolean][] = [
  ['connection refused', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), true],
  ['DNS not resolving yet', coded('ENOTFOUND'), true],
  ['PostgreSQL starting up', coded('57P03', 'the database system is starting up'), true],
  ['too many connections', coded('53300'), true],
  ['server went away mid-handshake', new Error('Connection terminated unexpectedly'), true],
  [
    'an AggregateError of refused addresses (IPv4 and IPv6)',
    new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')]),
    true,
  ],
  ['wrapped as a cause', new Error('migrating failed', { cause: coded('ETIMEDOUT') }), true],
  ['wrong password', coded('28P01', 'password authentication failed for user "pharos"'), false],
  ['unknown database', coded('3D000', 'database "nope" does not exist'), false],
  ['a SQL error', coded('42P01', 'relation "x" does not exist'), false],
  ['not an error', 'ECONNREFUSED', false],
];

for (const [name, err, expected] of rows)
  test(`isStoreUnreachable: ${name}`, () => assert.equal(isStoreUnreachable(err), expected));
