import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createCatalogItem } from '../../src/admin/catalog/catalog-service.ts';
import { monitorSpec } from '../../src/admin/catalog/catalog-kinds.ts';
import { createIncident } from '../../src/admin/incidents.ts';
import { incidentCreateSchema } from '../../src/admin/incident-input.ts';
import { monitorSchema } from '../../src/config/monitor-schema.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createEgressPolicy } from '../../src/egress/egress-policy.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';

const TTL = 1_000;
const COMPONENTS = Array.from({ length: 9 }, (_, i) => `c${i}`);
const MONITORS = COMPONENTS.flatMap((c) => [`${c}-a`, `${c}-b`]);

const configText = (target: string, storageUrl: string) => `
title: Workers
storage: { url: "${storageUrl}", batch_interval: 20ms }
components:
${COMPONENTS.map((c) => `  - { id: ${c}, name: ${c}, monitors: [${c}-a, ${c}-b] }`).join('\n')}
monitors:
${MONITORS.map((m) => `  - { id: ${m}, type: http, url: "${target}/${m}", interval: 1s, timeout: 500ms, failure_threshold: 1, success_threshold: 1 }`).join('\n')}
`;

interface Check {
  worker: number;
  monitorId: string;
  startedAt: number;
  /** when its result was handed on */
  endedAt: number;
}

describe('several workers share the monitors by lease (PostgreSQL)', () => {
  let db: TestDatabase;
  let server: Server;
  let targetUrl: string;
  const failing = new Set<string>();
  const workers: RunningPharos[] = [];
  const alive = new Set<number>();
  const checks: Check[] = [];

  const owners = () => [...alive].map((i) => ({ i, units: [...(workers[i]?.leases?.units ?? [])] }));
  const ownedEverywhere = () => owners().flatMap((o) => o.units);

  before(async () => {
    db = await testDatabaseUrl();
    server = createServer((req, res) => {
      const sick = failing.has((req.url ?? '').slice(1));
      res.writeHead(sick ? 503 : 200).end(sick ? 'down' : 'ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = parseConfigText(configText(targetUrl, db.url), 'workers.yaml', {});
    for (let i = 0; i < 3; i++) {
      const worker = await startPharos({
        config,
        port: 0,
        role: 'worker',
        logger: createLogger('silent'),
        leases: { ttlMs: TTL },
        onResult: (r) =>
          void checks.push({ worker: i, monitorId: r.monitorId, startedAt: r.startedAt, endedAt: Date.now() }),
      });
      workers.push(worker);
      alive.add(i);
    }
  });

  after(async () => {
    for (const i of alive) await workers[i]?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db?.drop();
    await stopTestPostgres();
  });

  test('a worker serves only the ops routes', async () => {
    const w = workers[0] as RunningPharos;
    assert.equal((await fetch(`${w.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${w.url}/api/v2/summary.json`)).status, 404);
  });

  test('the units spread fairly, each owned by exactly one worker, and every monitor is checked', async () => {
    await waitFor(
      'three workers owning 2 to 4 of the 9 units each',
      () => {
        const all = ownedEverywhere();
        return (
          all.length === 9 &&
          new Set(all).size === 9 &&
          owners().every((o) => o.units.length >= 2 && o.units.length <= 4)
        );
      },
      15_000,
    );
    const from = Date.now();
    await waitFor(
      'every monitor checked since the spread',
      () => MONITORS.every((m) => checks.some((c) => c.monitorId === m && c.startedAt >= from)),
      5_000,
    );
    // each worker checks the monitors of the units it owns, and only those
    await waitFor(
      'checks follow the leases',
      () => {
        const recent = checks.filter((c) => c.startedAt >= Date.now() - 1_500);
        return owners().every((o) =>
          recent.filter((c) => c.worker === o.i).every((c) => o.units.includes(`c:${c.monitorId.split('-')[0]}`)),
        );
      },
      5_000,
    );
  });

  test('a crashed worker’s units are taken over within 2 × TTL, resuming the engine state and the open incident', async () => {
    // c0 fails first: its automatic incident is open before the crash
    failing.add('c0-a');
    failing.add('c0-b');
    // read through a live worker (after the crash: a survivor)
    const store = () => (workers[[...alive][0] as number] as RunningPharos).store;
    const incidentsOf = async (componentId: string) =>
      (await store().listIncidents({ limit: 100 })).filter((i) => i.componentIds.includes(componentId));
    await waitFor(
      'an automatic incident for c0',
      async () => (await incidentsOf('c0')).some((i) => i.resolvedAt === null),
      10_000,
    );
    await waitFor(
      'both c0 monitors stored as down',
      async () =>
        (await store().loadMonitorStates()).filter((s) => s.monitorId.startsWith('c0-') && s.status === 'down')
          .length === 2,
      10_000,
    );

    const victim = owners().find((o) => o.units.includes('c:c0'));
    assert.ok(victim, 'someone owns c0');
    const orphans = [...victim.units];
    alive.delete(victim.i);
    const crashedAt = Date.now();
    await (workers[victim.i] as RunningPharos).crash();

    const takenAt = await waitFor(
      'the orphaned units owned by the survivors',
      () =>
        orphans.every((u) => ownedEverywhere().includes(u)) && new Set(ownedEverywhere()).size === 9
          ? Date.now()
          : undefined,
      10_000,
      20,
    );
    // the lease expires within one TTL of the last renewal; the next round (TTL / 3) claims it; slack for three workers in one process
    assert.ok(takenAt - crashedAt <= 2 * TTL + 500, `taken over after ${takenAt - crashedAt} ms`);
    const orphanMonitors = MONITORS.filter((m) => orphans.includes(`c:${m.split('-')[0]}`));
    await waitFor(
      'orphaned monitors checked by the survivors',
      () =>
        orphanMonitors.every((m) =>
          checks.some((c) => c.monitorId === m && c.worker !== victim.i && c.startedAt > crashedAt),
        ),
      5_000,
    );
    const resumedAt = Date.now();
    await waitFor(
      'two more rounds of checks of c0',
      () => checks.filter((c) => c.monitorId === 'c0-a' && c.startedAt > resumedAt).length >= 2,
      5_000,
    );

    const c0 = await incidentsOf('c0');
    assert.equal(c0.length, 1, 'still one automatic incident for c0');
    assert.equal(c0[0]?.resolvedAt, null);
    for (const m of ['c0-a', 'c0-b'])
      assert.deepEqual(
        await store().listStatusChanges(m, { from: crashedAt, to: Date.now() + 1 }),
        [],
        `${m}: no spurious transition after the move`,
      );
  });

  test('a web replica serves the page, runs a check now without recording it, and its admin changes reach the workers', async () => {
    const config = parseConfigText(configText(targetUrl, db.url), 'workers.yaml', {});
    const webChecks: string[] = [];
    const web = await startPharos({
      config,
      port: 0,
      role: 'web',
      logger: createLogger('silent'),
      onResult: (r) => void webChecks.push(r.monitorId),
    });
    try {
      assert.equal(web.leases, undefined);
      assert.equal((await fetch(`${web.url}/api/v2/summary.json`)).status, 200);
      const now = await web.admin.runMonitorNow('c1-a');
      assert.equal(now?.ok, true);
      assert.deepEqual(webChecks, [], 'nothing recorded on the web replica');

      const ctx = {
        actor: CLI_ACTOR,
        store: web.store,
        bus: web.bus,
        runtime: web.admin,
        egress: createEgressPolicy(config.egress),
        now: Date.now,
      };
      // a monitor added through the web replica's admin: a new unit, which one worker claims and checks
      await createCatalogItem(
        ctx,
        monitorSpec,
        monitorSchema.parse({
          id: 'added-by-web',
          type: 'http',
          url: `${targetUrl}/added-by-web`,
          interval: '1s',
          timeout: '500ms',
        }),
      );
      await waitFor(
        'a worker checking the monitor added on the web replica',
        () => checks.some((c) => c.monitorId === 'added-by-web'),
        10_000,
      );
      assert.equal(ownedEverywhere().filter((u) => u === 'm:added-by-web').length, 1);
      // an incident a person writes on the web replica reaches the worker that owns its component
      await createIncident(
        ctx,
        incidentCreateSchema.parse({
          name: 'Slow on purpose',
          components: [{ id: 'c2', status: 'degraded_performance' }],
        }),
      );
      await waitFor(
        'the owner of c2 showing what the person said',
        () => [...alive].some((i) => workers[i]?.board.components.get('c2')?.status === 'degraded_performance'),
        10_000,
      );
      assert.deepEqual(webChecks, []);
    } finally {
      await web.close();
    }
  });

  // Units move at each join (released by a live owner after its checks in flight ended), at the crash (taken over
  // once the lease ran out) and, under load, whenever a round comes late; a worker starts no check on a lease it has
  // not renewed in time. So a check of one monitor never starts on one worker before another worker's check ended.
  test('no monitor was ever checked by two workers at once', () => {
    for (const m of MONITORS) {
      const times = checks.filter((c) => c.monitorId === m).sort((a, b) => a.startedAt - b.startedAt);
      const overlaps = times.filter((next, k) =>
        times.slice(0, k).some((prev) => prev.worker !== next.worker && next.startedAt < prev.endedAt),
      );
      assert.deepEqual(
        overlaps.map((c) => `worker ${c.worker} at ${c.startedAt}`),
        [],
        `${m}: ${times.map((t) => `${t.worker}:${t.startedAt}-${t.endedAt}`).join(' ')}`,
      );
    }
  });
});
