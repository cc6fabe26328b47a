import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { openStore } from '../../src/store/open-store.ts';
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from '../support/http-receiver.ts';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor, waitForHealthy } from '../support/wait-for.ts';
import { freePort } from '../support/free-port.ts';

const CLI = new URL('../../bin/pharos.js', import.meta.url).pathname;

const configText = (target: string, hook: string, db: string, port = 0) => `
title: Delivery
server: { port: ${port}, host: 127.0.0.1 }
storage: { url: "sqlite:${db}", batch_interval: 20ms }
delivery: { backoff_base: 200ms, backoff_max: 1s, lease: 2s, poll_interval: 100ms, timeout: 10s }
admin: { setup_link: false }
components:
  - { id: api, name: API, monitors: [api-health] }
monitors:
  - { id: api-health, name: API health, type: http, url: "${target}/health", interval: 1s, timeout: 500ms, failure_threshold: 1, success_threshold: 1 }
notifications:
  - { id: hook, type: webhook, url: "${hook}/hook", secret: "0123456789abcdef-delivery" }
`;

/** Requests the receiver answered with a 2xx, per idempotency key. */
function deliveredKeys(requests: readonly ReceivedRequest[], ok: Set<ReceivedRequest>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests)
    if (ok.has(r))
      counts.set(String(r.headers['idempotency-key']), (counts.get(String(r.headers['idempotency-key'])) ?? 0) + 1);
  return counts;
}

describe('notification delivery: at least once, never twice after success', () => {
  let dir: string;
  let target: SwitchableTarget;
  let receiver: HttpReceiver;
  const answeredOk = new Set<ReceivedRequest>();
  const arrivals = new Map<ReceivedRequest, number>();
  let failUntil = 0;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-delivery-'));
    target = await startSwitchableTarget();
    receiver = await startHttpReceiver({
      respond: (req) => {
        arrivals.set(req, Date.now());
        if (Date.now() < failUntil) return { status: 500, body: 'receiver broken' };
        answeredOk.add(req);
        return { status: 200 };
      },
    });
  });

  after(async () => {
    await target.close();
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a receiver failing for a while then recovering gets every event exactly once', async () => {
    const pharos: RunningPharos = await startPharos({
      config: parseConfigText(configText(target.url, receiver.url, join(dir, 'a.db')), 'a.yaml'),
      logger: createLogger('silent'),
    });
    try {
      failUntil = Date.now() + 3_000;
      target.healthy = false;
      await waitFor('the down and incident events to be tried', () => receiver.requests.length >= 2, 10_000);
      target.healthy = true;
      await waitFor(
        'everything delivered',
        async () => {
          const stats = await pharos.store.outbox.stats(Date.now());
          const sent = await pharos.store.outbox.list({ state: 'sent', limit: 100 });
          return stats.pending === 0 && sent.length >= 4;
        },
        30_000,
        100,
      );
      const sent = await pharos.store.outbox.list({ state: 'sent', limit: 100 });
      const types = sent.map((r) => r.eventType).sort();
      assert.deepEqual(types, ['incident.created', 'incident.resolved', 'monitor.down', 'monitor.up']);
      const failures = receiver.requests.filter((r) => !answeredOk.has(r));
      assert.ok(failures.length >= 2, 'the receiver refused some attempts first');
      const keys = deliveredKeys(receiver.requests, answeredOk);
      for (const row of sent) assert.equal(keys.get(row.id), 1, `${row.eventType} delivered exactly once`);
      assert.equal(keys.size, sent.length);
      const first = receiver.requests.find((r) => answeredOk.has(r))!;
      assert.match(String(first.headers['x-pharos-signature']), /^sha256=[0-9a-f]{64}$/);
    } finally {
      await pharos.close();
    }
  });

  test('429 with Retry-After is honoured', async () => {
    receiver.clear();
    answeredOk.clear();
    const pharos = await startPharos({
      config: parseConfigText(configText(target.url, receiver.url, join(dir, 'b.db')), 'b.yaml'),
      logger: createLogger('silent'),
    });
    try {
      receiver.queueResponses((req) => {
        arrivals.set(req, Date.now());
        return { status: 429, headers: { 'retry-after': '2' }, body: 'slow down' };
      });
      target.healthy = false;
      await waitFor('a retry after the 429', () => receiver.requests.length >= 2 && answeredOk.size >= 1, 15_000);
      const [first, second] = receiver.requests;
      assert.equal(
        first!.headers['idempotency-key'],
        second!.headers['idempotency-key'],
        'the retry is the same delivery',
      );
      assert.ok(arrivals.get(second!)! - arrivals.get(first!)! >= 1_900, 'not retried before Retry-After');
    } finally {
      target.healthy = true;
      await pharos.close();
    }
  });

  test('SIGKILL while a send is in flight: after a restart nothing is lost, and what was recorded as sent is not sent again', async () => {
    receiver.clear();
    answeredOk.clear();
    const db = join(dir, 'c.db');
    const port = await freePort();
    const file = join(dir, 'c.yaml');
    await writeFile(file, configText(target.url, receiver.url, db, port));
    let child = await startChild(file, port);
    try {
      // the first delivery succeeds; the second is held until the process is killed
      receiver.queueResponses({ status: 200 }, { status: 200, delayMs: 30_000 });
      target.healthy = false;
      await receiver.waitForRequests(2, 15_000);
      const firstKey = String(receiver.requests[0]!.headers['idempotency-key']);
      const heldKey = String(receiver.requests[1]!.headers['idempotency-key']);
      await waitFor(
        'the first delivery recorded as sent',
        async () => (await rowState(db, firstKey)) === 'sent',
        5_000,
        50,
      );
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      assert.equal(await rowState(db, heldKey), 'pending', 'the interrupted delivery is still to do');

      child = await startChild(file, port);
      await waitFor(
        'the interrupted delivery sent again after the lease',
        async () => (await rowState(db, heldKey)) === 'sent',
        20_000,
        100,
      );
      const keys = receiver.requests.map((r) => String(r.headers['idempotency-key']));
      assert.equal(keys.filter((k) => k === firstKey).length, 1, 'a delivery recorded as sent is never sent again');
      assert.equal(
        keys.filter((k) => k === heldKey).length,
        2,
        'the interrupted one is sent again, with the same idempotency key',
      );
    } finally {
      target.healthy = true;
      child.kill('SIGKILL');
    }
  });
});

async function rowState(db: string, id: string): Promise<string | undefined> {
  const store = await openStore(`sqlite:${db}`);
  try {
    return (await store.outbox.get(id))?.state;
  } finally {
    await store.close();
  }
}

async function startChild(config: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'start', '--config', config], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PHAROS_LOG_LEVEL: 'error' },
  });
  await waitForHealthy(port);
  return child;
}
