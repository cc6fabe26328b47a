import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor } from '../support/wait-for.ts';

async function closedPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('maintenance windows and the connectivity canary', () => {
  let dir: string;
  let target: SwitchableTarget;
  let canaryServer: Server;
  let canaryPort: number;
  let pharos: RunningPharos;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-maint-'));
    target = await startSwitchableTarget();
    canaryServer = createServer((s) => s.end());
    await new Promise<void>((r) => canaryServer.listen(0, '127.0.0.1', r));
    canaryPort = (canaryServer.address() as { port: number }).port;
    const start = new Date(Date.now() - 60_000).toISOString();
    const end = new Date(Date.now() + 3_600_000).toISOString();
    const config = parseConfigText(
      `
storage: { url: "sqlite:${join(dir, 'p.db')}", batch_interval: 20ms }
connectivity: { targets: ["tcp://127.0.0.1:${canaryPort}"], interval: 1s, timeout: 300ms }
components:
  - { id: db, name: Database, monitors: [db-check] }
  - { id: web, name: Web, monitors: [web-check] }
monitors:
  - { id: db-check, type: http, url: "${target.url}/", interval: 1s, timeout: 300ms, failure_threshold: 1 }
  - { id: web-check, type: http, url: "${target.url}/", interval: 1s, timeout: 300ms, failure_threshold: 1 }
maintenances:
  - { id: db-upgrade, title: DB upgrade, start: "${start}", end: "${end}", components: [db] }
`,
      'maint.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  });
  after(async () => {
    await pharos.close();
    await target.close();
    await new Promise((r) => canaryServer.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  test('a component in a maintenance window shows under_maintenance and raises no incident', async () => {
    await waitFor('web up', () => pharos.board.stateOf('web-check').status === 'up');
    await waitFor('db in maintenance', () => pharos.board.stateOf('db-check').status === 'maintenance');
    target.healthy = false;
    await waitFor('web down', () => pharos.board.stateOf('web-check').status === 'down', 5000);
    await sleep(1200);
    assert.equal(pharos.board.stateOf('db-check').status, 'maintenance');
    const summary = (await (await fetch(`${pharos.url}/api/v2/summary.json`)).json()) as {
      components: { id: string; status: string }[];
      incidents: { components: { id: string }[] }[];
      scheduled_maintenances: { name: string; status: string; components: { id: string }[] }[];
    };
    assert.equal(summary.components.find((c) => c.id === 'db')!.status, 'under_maintenance');
    assert.equal(summary.scheduled_maintenances[0]!.status, 'in_progress');
    assert.deepEqual(
      summary.scheduled_maintenances[0]!.components.map((c) => c.id),
      ['db'],
    );
    assert.ok(
      summary.incidents.every((i) => i.components.every((c) => c.id !== 'db')),
      'no incident for the component in maintenance',
    );
    assert.ok(summary.incidents.some((i) => i.components.some((c) => c.id === 'web')));
    const results = await pharos.store.listResults('db-check', { from: 0, to: Date.now() + 1, limit: 100 });
    assert.ok(results.length > 0 && results.every((r) => r.maintenance), 'results are stored, marked as maintenance');
    const uptime = await pharos.store.uptime('db-check', { from: Date.now() - 3_600_000, to: Date.now() + 3_600_000 });
    assert.equal(uptime.failures, 0);
    assert.equal(uptime.uptime, null);
  });

  test('when every canary fails, Pharos is offline: no state change, /readyz says why', async () => {
    target.healthy = true;
    await waitFor('web up again', () => pharos.board.stateOf('web-check').status === 'up', 5000);
    await new Promise((r) => canaryServer.close(r));
    canaryPort = await closedPort();
    await waitFor('offline', async () => (await fetch(`${pharos.url}/readyz`)).status === 503, 5000);
    const body = (await (await fetch(`${pharos.url}/readyz`)).json()) as { checks: Record<string, string> };
    assert.match(body.checks.connectivity!, /offline since/);
    target.healthy = false;
    await sleep(2500);
    assert.equal(pharos.board.stateOf('web-check').status, 'up', 'no transition while offline');
    assert.ok(pharos.board.stateOf('web-check').lastError, 'the failing result is still recorded');
    canaryServer = createServer((s) => s.end());
  });
});
