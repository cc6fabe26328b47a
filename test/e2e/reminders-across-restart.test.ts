import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { PharosEvent } from '../../src/bus/events.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { PharosConfig } from '../../src/config/schema.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { freePort } from '../support/free-port.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Issue 17: a worker that restarts during an outage neither queues the reminders it already queued again nor
 * restarts their count. The clock is moved ahead (reminders come at least a minute apart).
 */
let dir: string;
let receiver: http.Server;
let config: PharosConfig;
let pharos: RunningPharos | undefined;
let offset = 0;
const now = () => Date.now() + offset;
const MIN = 60_000;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-reminders-'));
  receiver = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const closed = await freePort(); // nothing listens there: the monitor is down
  config = parseConfigText(
    `title: Reminders
server: { base_url: "http://127.0.0.1:9" }
admin: { setup_link: false }
storage: { url: "sqlite:${join(dir, 'p.db')}", batch_interval: 20ms }
components:
  - { id: api, name: API, monitors: [api-check] }
monitors:
  - { id: api-check, type: tcp, host: 127.0.0.1, port: ${closed}, interval: 1s, timeout: 500ms, failure_threshold: 1 }
notifications:
  - id: ops
    type: webhook
    url: "http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook"
    reminder_every: 1m
`,
    'reminders.yaml',
    {},
  );
});

after(async () => {
  await pharos?.close();
  await new Promise((resolve) => receiver.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const start = () =>
  startPharos({ config, port: 0, logger: createLogger('silent'), now, outbox: { pollMs: 50, backoffBaseMs: 50 } });

async function reminderRows(p: RunningPharos): Promise<string[]> {
  const rows = await p.store.outbox.list({ limit: 100 });
  return rows
    .map((r) => r.eventId)
    .filter((id) => id.includes(':reminder:'))
    .map((id) => id.slice(id.lastIndexOf(':') + 1))
    .sort();
}

test('a reminder count survives a worker restart: nothing queued again, the next one is number 2', async () => {
  pharos = await start();
  const first = pharos;
  await waitFor('api-check down', () => first.board.states.get('api-check')?.status === 'down', 15_000);
  offset += MIN + 1_000;
  await waitFor('reminder 1 queued', async () => (await reminderRows(first)).includes('1'), 10_000);
  const [mark] = [...((await first.store.shared.noticeMarks(['api-check'])).get('api-check') ?? [])];
  assert.match(mark?.[0] ?? '', /^reminder:ops:\d+$/);
  assert.equal(mark?.[1], 1, 'the store knows reminder 1 was queued');
  await first.close();

  pharos = await start();
  const second = pharos;
  const queued: PharosEvent[] = [];
  const unsubscribe = second.bus.subscribe((e) => {
    if (e.type === 'batch.committed' && e.notifications > 0) queued.push(e);
    if (e.type === 'notifications.queued') queued.push(e);
  });
  try {
    // several reminder rounds (one a second) after the restart: reminder 1 is not queued again
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.deepEqual(queued, [], 'nothing queued again after the restart');
    offset += MIN;
    await waitFor('reminder 2 queued', async () => (await reminderRows(second)).includes('2'), 10_000);
    assert.deepEqual(await reminderRows(second), ['1', '2'], 'the count went on from 1');
  } finally {
    unsubscribe();
  }
});
