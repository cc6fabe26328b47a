import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliErrorText } from './cli-error-text.ts';

test('cliErrorText: API paths become the options the person typed', () => {
  const rows: [string, string][] = [
    ['body.password: at least 12 characters', 'the password: at least 12 characters'],
    ['body.scopes: a viewer cannot use the "admin" scope', '--scopes: a viewer cannot use the "admin" scope'],
    ['body.email: invalid email; body.role: bad', '--email: invalid email; --role: bad'],
    ['body.scopes.1: unknown', '--scopes: unknown'],
    ['no user with the email a@b.c', 'no user with the email a@b.c'],
  ];
  for (const [input, want] of rows) assert.equal(cliErrorText(input), want);
});
