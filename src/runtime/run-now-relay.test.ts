import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunNowResult } from '../admin/admin-runtime.ts';
import { AdminError } from '../admin/admin-error.ts';
import { InProcessBus } from '../bus/in-process-bus.ts';
import { createLogger } from './logger.ts';
import { RunNowRelay } from './run-now-relay.ts';
import { fitForBus } from './run-now-result.ts';

const result = (monitorId: string, details: unknown = {}): RunNowResult => ({
  monitorId,
  ok: true,
  degraded: false,
  latencyMs: 12.5,
  statusCode: 200,
  error: null,
  startedAt: 1,
  details,
});

test('a request is answered by the one process that owns the monitor, once', async () => {
  const bus = new InProcessBus();
  const runs: string[] = [];
  const relay = (name: string, owns: string[]) =>
    new RunNowRelay({
      bus,
      logger: createLogger('silent'),
      now: Date.now,
      runOwned: (id) => {
        if (!owns.includes(id)) return undefined;
        runs.push(`${name}:${id}`);
        return Promise.resolve(result(id));
      },
    });
  const web = relay('web', []);
  const stops = [web.listen(), relay('w1', ['api']).listen(), relay('w2', ['db']).listen()];
  try {
    assert.deepEqual(await web.request('api', 1_000), result('api'));
    assert.deepEqual(await web.request('db', 1_000), result('db'));
    assert.deepEqual(runs, ['w1:api', 'w2:db']);
  } finally {
    for (const stop of stops) stop();
  }
});

test('no owner: owner_unavailable after the bounded wait', async () => {
  const bus = new InProcessBus();
  const web = new RunNowRelay({ bus, logger: createLogger('silent'), now: Date.now, runOwned: () => undefined });
  const stop = web.listen();
  const started = Date.now();
  await assert.rejects(web.request('api', 300), (err: unknown) => {
    assert.ok(err instanceof AdminError);
    assert.equal(err.code, 'owner_unavailable');
    assert.match(err.message, /no worker that checks monitor "api" answered/);
    return true;
  });
  assert.ok(Date.now() - started >= 290);
  stop();
});

test('an answer too big for one bus message keeps its outcome and says it was cut', () => {
  const big = result('api', {
    conditions: [{ condition: '[BODY] == x', ok: false, actual: 'y'.repeat(20_000) }],
    probe: { body: 'z'.repeat(50_000) },
  });
  const fitted = fitForBus({ ...big, ok: false, error: 'e'.repeat(5_000) });
  assert.ok(JSON.stringify(fitted).length <= 6_000);
  assert.equal(fitted.ok, false);
  assert.equal(fitted.statusCode, 200);
  assert.equal((fitted.details as { truncated: boolean }).truncated, true);
  assert.deepEqual(fitForBus(result('api')), result('api'), 'a small one is left alone');
});

test('a monitor owned only after the first ask (a new one, before the lease round) is run once the owner has it', async () => {
  const bus = new InProcessBus();
  let owned = false;
  let runs = 0;
  const web = new RunNowRelay({ bus, logger: createLogger('silent'), now: Date.now, runOwned: () => undefined });
  const worker = new RunNowRelay({
    bus,
    logger: createLogger('silent'),
    now: Date.now,
    runOwned: (id) => {
      if (!owned) return undefined;
      runs++;
      // slower than the resend: the request arrives again while it runs
      return new Promise((resolve) => setTimeout(() => resolve(result(id)), 1_500));
    },
  });
  const stops = [web.listen(), worker.listen()];
  setTimeout(() => (owned = true), 1_200);
  try {
    assert.deepEqual(await web.request('api', 6_000), result('api'));
    assert.equal(runs, 1, 'run once although asked several times');
  } finally {
    for (const stop of stops) stop();
  }
});
