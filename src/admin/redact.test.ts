import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restoreKeptSecrets } from './kept-secrets.ts';
import { REDACTED, redactSecrets } from './redact.ts';

test('secrets are redacted deeply, and a redacted value written back keeps the stored secret', () => {
  const stored = {
    id: 'p',
    token: 'push-secret-123',
    headers: { Authorization: 'Bearer x', accept: 'json' },
    smtp: { pass: 'pw', host: 'h' },
    list: [{ secret: 's' }],
  };
  const shown = redactSecrets(stored) as typeof stored;
  assert.deepEqual(shown, {
    id: 'p',
    token: REDACTED,
    headers: { Authorization: REDACTED, accept: 'json' },
    smtp: { pass: REDACTED, host: 'h' },
    list: [{ secret: REDACTED }],
  });
  const edited = { ...shown, smtp: { ...shown.smtp, host: 'h2' } };
  assert.deepEqual(restoreKeptSecrets(edited, stored), {
    value: { ...stored, smtp: { pass: 'pw', host: 'h2' } },
    kept: [['token'], ['headers', 'Authorization'], ['smtp', 'pass'], ['list', '0', 'secret']],
  });
  assert.deepEqual(restoreKeptSecrets({ token: 'new' }, stored), { value: { token: 'new' }, kept: [] });
});
