import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { InProcessBus } from '../../bus/in-process-bus.ts';
import { configSchema, type PharosConfig } from '../../config/schema.ts';
import { createLogger } from '../../runtime/logger.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { defaultRenderers } from './default-renderers.ts';
import { PublicSnapshot } from './public-snapshot.ts';
import type { PublicRenderers } from './public-renderers.ts';

let dir: string;
let store: Store;
let config: PharosConfig;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-snapshot-'));
  store = await openStore(`sqlite:${join(dir, 's.db')}`);
  await store.migrate();
  config = configSchema.parse({
    monitors: ['m1', 'm2'].map((id) => ({ id, type: 'tcp', host: '127.0.0.1', port: 1 })),
    components: [{ id: 'c1', name: 'API', monitors: ['m1', 'm2'] }],
  });
  await store.syncConfig({ monitors: [...config.monitors], components: [...config.components] }, Date.now());
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** The real renderers, counting how often the status page is rendered (once per rebuild). */
function countingRenderers(): PublicRenderers & { pages: number } {
  const r = { ...defaultRenderers, pages: 0 };
  r.statusPage = (model) => ((r.pages += 1), defaultRenderers.statusPage(model));
  return r;
}

/** The real store, counting reads of every monitor's config. */
function countingStore(): Store & { monitorReads: number } {
  const s = Object.create(store) as Store & { monitorReads: number };
  s.monitorReads = 0;
  s.listMonitors = (opts) => ((s.monitorReads += 1), store.listMonitors(opts));
  return s;
}

const summaryStatus = (snapshot: PublicSnapshot): string => {
  const json = JSON.parse(snapshot.pages.get('@')!.json.get('summary.json')!.body.toString()) as {
    components: { id: string; status: string }[];
  };
  return json.components[0]!.status;
};

test('a storm of events rebuilds at most once per minGapMs, and the last change is still shown (a trailing rebuild)', async () => {
  const bus = new InProcessBus();
  const renderers = countingRenderers();
  const snapshot = new PublicSnapshot({
    store,
    config,
    bus,
    logger: createLogger('silent'),
    renderers,
    debounceMs: 5,
    minGapMs: 250,
  });
  await snapshot.start();
  assert.equal(summaryStatus(snapshot), 'operational');
  const before = renderers.pages;
  const started = Date.now();
  // 1 s of status changes every 2 ms: a batch writer under a mass outage, one event per commit
  while (Date.now() - started < 1_000) {
    await bus.publish({
      type: 'batch.committed',
      at: Date.now(),
      results: 10,
      notifications: 0,
      monitors: ['m1'],
      components: [],
      incidents: [],
    });
    await sleep(2);
  }
  await store.commitBatch({
    results: [],
    states: [],
    statusChanges: [],
    incidents: [],
    componentStatuses: [{ componentId: 'c1', status: 'major_outage', since: Date.now() }],
  });
  await bus.publish({
    type: 'batch.committed',
    at: Date.now(),
    results: 0,
    notifications: 0,
    monitors: [],
    components: ['c1'],
    incidents: [],
  });
  await sleep(700);
  snapshot.stop();
  const rebuilds = renderers.pages - before;
  assert.ok(rebuilds <= 1_000 / 250 + 3, `${rebuilds} rebuilds for ~450 events in 1 s`);
  assert.equal(summaryStatus(snapshot), 'major_outage', 'the change after the storm is shown');
});

test('rebuilds read the catalog once, and again only when it changes; results alone rebuild nothing', async () => {
  const bus = new InProcessBus();
  const counted = countingStore();
  const renderers = countingRenderers();
  const snapshot = new PublicSnapshot({
    store: counted,
    config,
    bus,
    logger: createLogger('silent'),
    renderers,
    debounceMs: 1,
    minGapMs: 1,
  });
  await snapshot.start();
  assert.equal(counted.monitorReads, 1);
  for (let i = 0; i < 5; i++) {
    await bus.publish({
      type: 'batch.committed',
      at: Date.now(),
      results: 3,
      notifications: 0,
      monitors: ['m2'],
      components: [],
      incidents: [],
    });
    await sleep(30);
  }
  const pagesAfterChanges = renderers.pages;
  assert.ok(pagesAfterChanges >= 4, `status changes rebuild (${pagesAfterChanges})`);
  assert.equal(counted.monitorReads, 1, 'no monitor config re-read for a status change');
  await bus.publish({
    type: 'batch.committed',
    at: Date.now(),
    results: 500,
    notifications: 0,
    monitors: [],
    components: [],
    incidents: [],
  });
  await sleep(30);
  assert.equal(renderers.pages, pagesAfterChanges, 'results alone do not rebuild');
  await bus.publish({ type: 'catalog.changed', at: Date.now() });
  await sleep(50);
  snapshot.stop();
  assert.equal(counted.monitorReads, 2, 'a catalog change re-reads it');
});

test('its state is read through getters: a write from outside neither compiles nor runs', () => {
  const snapshot = new PublicSnapshot({
    store,
    config,
    bus: new InProcessBus(),
    logger: createLogger('silent'),
    renderers: defaultRenderers,
  });
  assert.deepEqual(
    [snapshot.pages.size, snapshot.builtAt, snapshot.failedRebuilds, snapshot.stale, snapshot.failingSince],
    [0, 0, 0, undefined, undefined],
  );
  assert.throws(() => {
    // @ts-expect-error read-only: only the snapshot's own rebuilds change its pages
    snapshot.pages = new Map();
  }, TypeError);
  assert.throws(() => {
    // @ts-expect-error read-only: the staleness tracker owns it
    snapshot.stale = { since: 0 };
  }, TypeError);
  assert.throws(() => {
    // @ts-expect-error read-only
    snapshot.builtAt = 1;
  }, TypeError);
  // a Map at run time, but a ReadonlyMap to everyone else: the compiler keeps writers out
  // @ts-expect-error no set on a ReadonlyMap
  assert.equal(typeof snapshot.pages.set, 'function');
});
