import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigText } from './load-config.ts';
import { serverSecretMissing } from './server-secret-rule.ts';

const SECRET = 'x'.repeat(32);
const config = (storage: string, extra = '') =>
  parseConfigText(`title: T\nstorage: { url: "${storage}" }\n${extra}`, 'pharos.yaml', {});

test('server.secret: required when several replicas can serve, not for one process on SQLite', () => {
  const rows: [name: string, cfg: ReturnType<typeof config>, role: string, required: RegExp | null][] = [
    ['one process on SQLite', config('sqlite:./p.db'), 'all', null],
    ['a web/worker split', config('sqlite:./p.db'), 'web', /--role web/],
    ['a worker', config('sqlite:./p.db'), 'worker', /--role worker/],
    ['PostgreSQL', config('postgres://db/pharos'), 'all', /PostgreSQL/],
    ['a Redis bus', config('sqlite:./p.db', 'bus: { redis: { url: "redis://r:6379" } }'), 'all', /bus\.redis/],
    ['PostgreSQL with the secret', config('postgres://db/pharos', `server: { secret: "${SECRET}" }`), 'web', null],
  ];
  for (const [name, cfg, role, required] of rows) {
    const reason = serverSecretMissing(cfg, role);
    if (required === null) assert.equal(reason, null, name);
    else {
      assert.match(reason ?? '', required, name);
      assert.match(reason ?? '', /server\.secret is required/, name);
    }
  }
});
