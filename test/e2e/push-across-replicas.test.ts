import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';

// A push reaches a web replica; the worker that checks the monitor records it (forwarded over PostgreSQL LISTEN/NOTIFY).
let db: TestDatabase;
let web: RunningPharos;
let worker: RunningPharos;

before(async () => {
  db = await testDatabaseUrl();
  const config = parseConfigText(
    `
title: Push across replicas
storage: { url: "${db.url}", batch_interval: 20ms }
components:
  - { id: nightly, name: Nightly job, monitors: [nightly-push] }
monitors:
  - { id: nightly-push, type: push, token: "push-token-0123456789", interval: 1h, grace: 1h, failure_threshold: 1, success_threshold: 1 }
`,
    'push.yaml',
    {},
  );
  worker = await startPharos({
    config,
    port: 0,
    role: 'worker',
    logger: createLogger('silent'),
    leases: { ttlMs: 1_000 },
  });
  web = await startPharos({ config, port: 0, role: 'web', logger: createLogger('silent') });
});

after(async () => {
  await web?.close();
  await worker?.close();
  await db?.drop();
  await stopTestPostgres();
});

const componentStatus = async () => {
  const body = (await (await fetch(`${web.url}/api/v2/components.json`)).json()) as {
    components: { id: string; status: string }[];
  };
  return body.components[0]?.status;
};

test('a push sent to a web replica is recorded by the worker that checks the monitor', async () => {
  await waitFor('the worker owns the push monitor', () => worker.leases?.units.has('c:nightly') === true, 10_000);
  const noWorkerRoute = await fetch(`${worker.url}/api/push/push-token-0123456789`);
  assert.equal(noWorkerRoute.status, 404, 'workers serve no push route: pushes go to the web replicas');

  const down = await fetch(`${web.url}/api/push/push-token-0123456789?status=down&msg=disk%20full`);
  assert.equal(down.status, 200);
  await waitFor(
    'the component down after a push reported down',
    async () => (await componentStatus()) === 'major_outage',
    10_000,
  );
  const stored = (await worker.store.listResults('nightly-push', { from: 0, to: Date.now() + 1000, limit: 10 })).at(-1);
  assert.equal(stored?.ok, false);
  assert.match(stored?.error ?? '', /disk full/);

  assert.equal((await fetch(`${web.url}/api/push/push-token-0123456789?status=up&ping=12`)).status, 200);
  await waitFor('operational again after an up push', async () => (await componentStatus()) === 'operational', 10_000);

  assert.equal((await fetch(`${web.url}/api/push/wrong-token`)).status, 404);
});
