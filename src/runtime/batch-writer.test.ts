import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { InProcessBus } from '../bus/in-process-bus.ts';
import type { PharosEvent } from '../bus/events.ts';
import { configSchema } from '../config/schema.ts';
import { openStore } from '../store/open-store.ts';
import type { ResultBatch, Store } from '../store/store.ts';
import { BatchWriter } from './batch-writer.ts';
import { createLogger } from './logger.ts';

let dir: string;
let store: Store;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-writer-'));
  store = await openStore(`sqlite:${join(dir, 'w.db')}`);
  await store.migrate();
  const config = configSchema.parse({
    monitors: ['m1', 'm2'].map((id) => ({ id, type: 'tcp', host: '127.0.0.1', port: 1 })),
  });
  await store.syncConfig({ monitors: [...config.monitors], components: [] }, Date.now());
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** The real store, made to fail its first `failures` commits as if the database were unreachable. */
function failingFirst(failures: number): Store & { attempts: number } {
  const wrapper = Object.create(store) as Store & { attempts: number };
  wrapper.attempts = 0;
  wrapper.commitBatch = async (batch: ResultBatch) => {
    wrapper.attempts += 1;
    if (wrapper.attempts <= failures) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    return store.commitBatch(batch);
  };
  return wrapper;
}

test('a failed batch write is logged, retried with backoff, and loses no result; events follow the commit', async () => {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }));
  const bus = new InProcessBus();
  const events: PharosEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const flaky = failingFirst(2);
  const writer = new BatchWriter({ store: flaky, bus, logger, intervalMs: 10, maxResults: 1000 });
  const t0 = Date.now() - 10_000;
  for (let i = 0; i < 50; i++) {
    writer.stage((batch) =>
      batch.results.push({
        monitorId: 'm1',
        startedAt: t0 + i,
        latencyMs: 5,
        ok: true,
        degraded: false,
        maintenance: false,
        statusCode: null,
        error: null,
      }),
    );
  }
  writer.stage((batch) =>
    batch.events.push({ type: 'monitor.status', monitorId: 'm1', from: 'unknown', to: 'up', at: t0 }),
  );
  await writer.flush();
  assert.equal(writer.committedResults, 0);
  assert.equal(events.length, 0, 'no event before the commit');
  const deadline = Date.now() + 5000;
  while (writer.committedResults < 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await writer.close();
  assert.equal(writer.committedResults, 50);
  assert.equal(writer.droppedResults, 0);
  assert.ok(flaky.attempts >= 3);
  assert.ok(lines.some((l) => l.includes('writing results failed; will retry') && l.includes('ECONNREFUSED')));
  const stored = await store.listResults('m1', { from: 0, to: Date.now(), limit: 1000 });
  assert.equal(stored.length, 50);
  assert.deepEqual(
    events.map((e) => (e.type === 'batch.committed' ? { results: e.results, monitors: e.monitors } : e.type)),
    [{ results: 50, monitors: ['m1'] }],
    'one message for the committed batch, listing what changed',
  );
});

test('a batch of thousands of status changes is one bus message, cut to fit a NOTIFY, and says so', async () => {
  const bus = new InProcessBus();
  const events: PharosEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const writer = new BatchWriter({ store, bus, logger: createLogger('silent'), intervalMs: 1000, maxResults: 100_000 });
  const t0 = Date.now() - 10_000;
  writer.stage((batch) => {
    for (let i = 0; i < 5_000; i++) {
      const monitorId = i % 2 === 0 ? 'm1' : 'm2';
      batch.results.push({
        monitorId,
        startedAt: t0 + i,
        latencyMs: 1,
        ok: i % 4 < 2,
        degraded: false,
        maintenance: false,
        statusCode: null,
        error: null,
      });
      // ids repeat (as a flapping monitor's would) and many are distinct (as in a mass outage)
      batch.events.push({
        type: 'monitor.status',
        monitorId: i < 100 ? monitorId : `gone-${i}`,
        from: 'up',
        to: 'down',
        at: t0 + i,
      });
    }
    for (let i = 0; i < 3; i++)
      batch.events.push({
        type: 'incident.changed',
        incidentId: 'inc1',
        status: i === 2 ? 'resolved' : 'investigating',
        at: t0,
      });
    batch.events.push({ type: 'notifications.queued', count: 7, at: t0 });
  });
  await writer.flush();
  assert.equal(events.length, 1);
  const e = events[0]!;
  assert.equal(e.type, 'batch.committed');
  if (e.type !== 'batch.committed') return;
  assert.equal(e.results, 5_000);
  assert.equal(e.notifications, 7);
  assert.deepEqual(e.incidents, [{ id: 'inc1', status: 'resolved' }], 'an incident once, with its latest status');
  assert.deepEqual(e.monitors.slice(0, 3), ['m1', 'm2', 'gone-100'], 'each id once, in order');
  assert.equal(e.more, true, 'not every id fits: subscribers are told to re-read everything');
  assert.ok(
    JSON.stringify({ id: 'x'.repeat(36), origin: 'y'.repeat(100), event: e }).length < 7_999,
    'fits one PostgreSQL NOTIFY',
  );
});

test('while the store stays down, the buffer is bounded: the oldest results are dropped and counted', async () => {
  const down = failingFirst(1_000_000);
  const logger = createLogger('silent');
  const writer = new BatchWriter({
    store: down,
    bus: new InProcessBus(),
    logger,
    intervalMs: 5,
    maxResults: 10,
    maxBuffered: 100,
  });
  writer.stage((batch) => {
    for (let i = 0; i < 250; i++)
      batch.results.push({
        monitorId: 'm1',
        startedAt: i,
        latencyMs: 1,
        ok: true,
        degraded: false,
        maintenance: false,
        statusCode: null,
        error: null,
      });
  });
  await writer.flush();
  assert.equal(writer.staged.results.length, 100);
  assert.equal(writer.droppedResults, 150);
  assert.equal(writer.staged.results[0]!.startedAt, 150, 'the newest are kept');
  await writer.close();
});

test('the lease fence runs before each commit: what it drops is not stored, what it keeps is, and a failing fence is retried', async () => {
  const held = new Set(['m1']);
  let fenceCalls = 0;
  const writer = new BatchWriter({
    store,
    bus: new InProcessBus(),
    logger: createLogger('silent'),
    intervalMs: 5,
    maxResults: 1000,
    fence: async (batch) => {
      fenceCalls += 1;
      if (fenceCalls === 1) throw new Error('store unreachable');
      return batch.retainHeld({ monitorIds: held, componentIds: new Set() });
    },
  });
  const t0 = Date.now() - 5_000;
  for (const monitorId of ['m1', 'm2']) {
    for (let i = 0; i < 5; i++)
      writer.stage((batch) =>
        batch.results.push({
          monitorId,
          startedAt: t0 + i,
          latencyMs: 1,
          ok: true,
          degraded: false,
          maintenance: false,
          statusCode: null,
          error: null,
        }),
      );
  }
  await writer.flush();
  assert.equal(writer.committedResults, 0, 'the first fence failed: nothing committed, all kept for the retry');
  const deadline = Date.now() + 5000;
  while (writer.committedResults === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await writer.close();
  assert.equal(writer.committedResults, 5);
  assert.equal(writer.fencedResults, 5);
  assert.equal((await store.listResults('m1', { from: t0, to: Date.now(), limit: 100 })).length, 5);
  assert.equal((await store.listResults('m2', { from: t0, to: Date.now(), limit: 100 })).length, 0);
});

test('stage: what one turn stages is committed together, even when the batch fills up part way; the batch is private', async () => {
  const commits: ResultBatch[] = [];
  const recording = Object.create(store) as Store;
  recording.commitBatch = async (batch: ResultBatch) => {
    commits.push(batch);
    return store.commitBatch(batch);
  };
  const writer = new BatchWriter({
    store: recording,
    bus: new InProcessBus(),
    logger: createLogger('silent'),
    intervalMs: 60_000,
    maxResults: 2,
  });
  const t0 = Date.now() - 1_000;
  const result = (i: number) => ({
    monitorId: 'm1',
    startedAt: t0 + i,
    latencyMs: 1,
    ok: false,
    degraded: false,
    maintenance: false,
    statusCode: null,
    error: 'x',
  });
  // as the pipeline does for one result: the result, then (in later stage calls) what it changed
  writer.stage((batch) => batch.results.push(result(0)));
  writer.stage((batch) => batch.results.push(result(1)));
  writer.stage((batch) => batch.componentStatuses.set('c1', { componentId: 'c1', status: 'major_outage', since: t0 }));
  assert.equal(commits.length, 0, 'nothing is flushed in the middle of a turn');
  const deadline = Date.now() + 5000;
  while (writer.committedResults < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.equal(commits.length, 1, 'full: flushed at once (not after the 60 s interval), in one commit');
  assert.deepEqual(
    commits[0]!.componentStatuses.map((c) => c.componentId),
    ['c1'],
  );
  assert.equal(writer.staged.isEmpty, true);
  const refused = () => {
    // @ts-expect-error the batch is the writer's: others stage
    writer.pending = undefined;
  };
  assert.equal(typeof refused, 'function', 'never run: `npx tsc --noEmit` checks the line above');
  await writer.close();
});

test('discardBuffered (a crash): what was staged is lost, nothing is written', async () => {
  const writer = new BatchWriter({
    store,
    bus: new InProcessBus(),
    logger: createLogger('silent'),
    intervalMs: 10,
    maxResults: 1000,
  });
  const t0 = Date.now() - 1_000;
  writer.stage((batch) =>
    batch.results.push({
      monitorId: 'm2',
      startedAt: t0,
      latencyMs: 1,
      ok: true,
      degraded: false,
      maintenance: false,
      statusCode: null,
      error: null,
    }),
  );
  assert.equal(writer.bufferedResults, 1);
  writer.discardBuffered();
  assert.equal(writer.bufferedResults, 0);
  await writer.close();
  assert.equal(writer.committedResults, 0);
  assert.equal((await store.listResults('m2', { from: t0, to: Date.now(), limit: 10 })).length, 0);
});
