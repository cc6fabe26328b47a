import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { allMonitorIds, componentIds, DEFAULT_SHAPE, monitorsOf, unitIds } from '../support/cluster-config.ts';
import {
  isBalanced,
  leaseOwners,
  leaseStarts,
  startCluster,
  storedResults,
  summaryOf,
  type Cluster,
} from '../support/cluster-harness.ts';
import { longestGap, sameSlotPairs } from '../support/cluster-results.ts';
import type { PharosProcess } from '../support/pharos-process.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Three `--role worker` processes and one `--role web`; worker0 and web0 reach PostgreSQL through proxies that the
 * test cuts (a partition: the others still reach it) or stalls (a network that drops packets: queries hang).
 * Cut off, worker0 keeps checking its units and buffering; the others take its units over once its leases run out;
 * when it is back, what it buffered for the units it lost is dropped, so no monitor has results from two workers at
 * once and the incident decided on both sides is stored once, notified once. Stalled, nothing hangs for good: the
 * probes answer, web0 serves its pages marked stale, and everything resumes when the packets flow again.
 */
const SHAPE = DEFAULT_SHAPE;
const TTL = SHAPE.leaseTtlMs;
const INTERVAL = SHAPE.intervalMs;
const UNITS = unitIds(SHAPE);
const MONITORS = allMonitorIds(SHAPE);
/** the monitors a lease unit holds: a component's, or a lone monitor */
const unitMonitors = (unit: string): string[] => (unit.startsWith('c:') ? monitorsOf(unit.slice(2)) : [unit.slice(2)]);
/** when other workers' leases on the cut-off worker's monitors began, over the whole run (see sameSlotPairs) */
const handovers = new Map<string, number[]>();
const noteHandovers = (starts: Map<string, number>) => {
  for (const [unit, at] of starts)
    for (const m of unitMonitors(unit)) handovers.set(m, [...(handovers.get(m) ?? []), at]);
};
const handoversOf = (m: string) => handovers.get(m) ?? [];
const CUT_MS = 5 * TTL;
const SLACK_MS = 1_000;
/**
 * The longest stretch without a stored result for a unit whose owner is cut off: from its last result flushed before
 * the cut (up to an interval before; what it checked after is dropped) to the takeover (2 × TTL) and the catch-up
 * run (up to an interval), with slack on both ends for a loaded machine.
 */
const MAX_GAP_MS = 2 * TTL + 2 * INTERVAL + 2 * SLACK_MS;
/**
 * A hung store is noticed by the web replica's pings (every 2 s, each given up after 1 s), which count even while a
 * rebuild hangs: the second failed ping marks the pages stale, within 2 × (2 s + 1 s), plus slack.
 */
const STALE_IN_STALL_WITHIN_MS = 2 * (2_000 + 1_000) + 4_000; // 10 s
/** long enough for the stalled worker's units to move (2 × TTL and a round) while the pages are stale */
const STALL_MS = 16_000;
const NOT_READY_WITHIN_MS = 3_000;

describe(
  'replicas as processes: a worker and a web replica cut off from PostgreSQL, or stalled',
  { timeout: 240_000 },
  () => {
    let cluster: Cluster;
    const startedAt = Date.now();
    const figures: Record<string, number | string> = {};
    const names = () => cluster.workers.map((w) => w.name);
    const logs = () => cluster.all.map((p) => `--- ${p.name} (pid ${p.pid}) ---\n${p.tail(15)}`).join('\n');
    const deliveries = () =>
      cluster.receiver.requests.map((r) => {
        const body = r.json as { id: string; type: string; monitor?: { id: string } };
        return { key: String(r.headers['idempotency-key']), id: body.id, type: body.type, monitor: body.monitor?.id };
      });
    const incidentsOf = async (componentId: string) =>
      (
        await cluster.db.query<{ id: string; resolved_at: string | null }>(
          'select i.id, i.resolved_at from incidents i join incident_components ic on ic.incident_id = i.id where ic.component_id = $1 and i.created_at >= $2',
          [componentId, startedAt],
        )
      ).rows;
    const droppedForLostLeases = async (name: string) => {
      const text = await (await fetch(`${cluster.workers.find((w) => w.name === name)!.url}/metrics`)).text();
      return Number(/^pharos_results_dropped_total\{reason="lease_lost"\} (\d+)/m.exec(text)?.[1] ?? 'NaN');
    };

    before(async () => {
      cluster = await startCluster({ workers: 3, webs: 1, name: 'partition', proxied: ['worker0', 'web0'] });
      figures.startupMs = Date.now() - startedAt;
    });

    after(async () => {
      await cluster?.close();
    });

    test('the units spread over the three workers', async () => {
      await waitFor(
        'every unit owned, nobody above the fair share',
        async () => isBalanced(await leaseOwners(cluster), UNITS, names()),
        30_000,
        200,
      ).catch((err: Error) => {
        throw new Error(`${err.message}\n${logs()}`);
      });
      const from = Date.now();
      await waitFor(
        'a stored result of every monitor',
        async () => {
          const results = await storedResults(cluster);
          return MONITORS.every((m) => (results.get(m) ?? []).some((t) => t >= from));
        },
        15_000,
        200,
      );
    });

    test('cut off: its units move to the others; back: what it checked after the takeover is dropped, the rest stored; one incident, one notification each', async () => {
      const isolated = (await leaseOwners(cluster)).get('worker0') ?? [];
      assert.ok(isolated.length > 0, 'worker0 owns units');
      figures.isolatedUnits = isolated.join(' ');
      // a component worker0 owns fails as it is cut off: both sides see the outage
      const component = isolated.find((u) => u.startsWith('c:'))?.slice(2) ?? componentIds(SHAPE)[0]!;
      figures.failingComponent = component;
      const proxy = cluster.proxies.get('worker0')!;

      const cutAt = Date.now();
      proxy.cut();
      for (const m of monitorsOf(component)) cluster.target.failing.add(m);
      const others = ['worker1', 'worker2'];
      const takenAt = await waitFor(
        "worker0's units owned by the others",
        async () => (isBalanced(await leaseOwners(cluster), UNITS, others) ? Date.now() : undefined),
        6 * TTL + 10_000,
        50,
      );
      figures.takeoverMs = takenAt - cutAt;
      // what worker0 checked before these leases began is still its own, and is stored once it is back
      noteHandovers(await leaseStarts(cluster, isolated));
      assert.ok(takenAt - cutAt <= 2 * TTL + SLACK_MS, `taken over ${takenAt - cutAt} ms after the cut`);
      await waitFor(
        `an open incident for ${component}`,
        async () => (await incidentsOf(component)).some((i) => i.resolved_at === null),
        15_000,
        200,
      );

      await sleep(Math.max(0, cutAt + CUT_MS - Date.now()));
      assert.ok(cluster.workers[0]!.running, `worker0 kept running while cut off:\n${cluster.workers[0]!.tail()}`);
      proxy.heal();
      const healedAt = Date.now();
      figures.cutMs = healedAt - cutAt;

      await waitFor(
        'worker0 back with a share, the spread balanced',
        async () => {
          const owners = await leaseOwners(cluster);
          return (owners.get('worker0')?.length ?? 0) >= 1 && isBalanced(owners, UNITS, names());
        },
        10 * TTL + 10_000,
        100,
      ).catch(async (err: Error) => {
        throw new Error(`${err.message}: ${JSON.stringify([...(await leaseOwners(cluster))])}\n${logs()}`);
      });
      figures.shareBackMs = Date.now() - healedAt;
      const dropped = await waitFor(
        'worker0 to count the results it dropped for lost leases',
        async () => {
          const n = await droppedForLostLeases('worker0');
          return n > 0 ? n : undefined;
        },
        15_000,
        200,
      ).catch(async (err: Error) => {
        const text = await (await fetch(`${cluster.workers[0]!.url}/metrics`)).text();
        throw new Error(
          `${err.message}: ${text
            .split('\n')
            .filter((l) => /pharos_results|pharos_monitors_owned|takeover/.test(l))
            .join('\n')}`,
        );
      });
      figures.droppedLeaseLost = dropped;

      for (const m of monitorsOf(component)) cluster.target.failing.delete(m);
      await waitFor(
        `the incident for ${component} resolved`,
        async () => (await incidentsOf(component)).every((i) => i.resolved_at !== null),
        20_000,
        200,
      );
      await waitFor(
        'incident.resolved delivered',
        () => deliveries().some((x) => x.type === 'incident.resolved'),
        15_000,
        100,
      );
      await sleep(2 * INTERVAL);

      const results = await storedResults(cluster);
      const isolatedMonitors = isolated.flatMap(unitMonitors);
      let widest = { ms: 0, monitor: '' };
      for (const m of MONITORS) {
        const times = results.get(m) ?? [];
        assert.deepEqual(
          sameSlotPairs(m, times, INTERVAL, handoversOf(m)),
          [],
          `${m}: two results in one slot (from two workers)`,
        );
        const gap = longestGap(times, cutAt - 2 * INTERVAL, healedAt + 3 * TTL);
        if (gap.ms > widest.ms) widest = { ms: gap.ms, monitor: `${m}, ${gap.from - cutAt} ms from the cut` };
        if (isolatedMonitors.includes(m))
          assert.ok(
            gap.ms <= MAX_GAP_MS,
            `${m}: no result from ${gap.from - cutAt} to ${gap.to - cutAt} ms after the cut`,
          );
      }
      figures.longestGapMs = `${widest.ms} (${widest.monitor})`;

      assert.equal((await incidentsOf(component)).length, 1, 'one incident although both sides decided one');
      const d = deliveries();
      assert.equal(new Set(d.map((x) => x.key)).size, d.length, `a delivery repeated: ${JSON.stringify(d)}`);
      for (const m of monitorsOf(component))
        assert.equal(
          d.filter((x) => x.type === 'monitor.down' && x.monitor === m).length,
          1,
          `monitor.down of ${m}: ${JSON.stringify(d)}`,
        );
      assert.equal(d.filter((x) => x.type === 'incident.created').length, 1, JSON.stringify(d));
      assert.equal(d.filter((x) => x.type === 'incident.resolved').length, 1, JSON.stringify(d));
      for (const p of cluster.all) assert.deepEqual(p.unexpectedExits, [], `${p.name} exited on its own:\n${p.tail()}`);
    });

    test('stalled (packets dropped, nobody told) for 16 s: web0 keeps serving and gets marked stale, probes answer 503 within 2 s, worker0 loses its units and gets a share back', async (t) => {
      await waitFor(
        'every unit owned, nobody above the fair share',
        async () => isBalanced(await leaseOwners(cluster), UNITS, names()),
        30_000,
        200,
      );
      const [worker0, web0] = [cluster.workers[0]!, cluster.webs[0]!];
      const stalled = (await leaseOwners(cluster)).get('worker0') ?? [];
      const stallAt = Date.now();
      for (const name of ['worker0', 'web0']) cluster.proxies.get(name)!.stall();
      let firstStale: number | undefined;
      let slowestProbeMs = 0;
      while (Date.now() - stallAt < STALL_MS) {
        const elapsed = Date.now() - stallAt;
        const timed = async (p: PharosProcess, path: string) => {
          const asked = Date.now();
          const status = await p.status(path, 5_000);
          slowestProbeMs = Math.max(slowestProbeMs, Date.now() - asked);
          return status;
        };
        const [answer, ...probes] = await Promise.all([
          summaryOf(web0),
          ...[worker0, web0].flatMap((p) => [timed(p, '/readyz'), timed(p, '/healthz')]),
        ]);
        assert.equal(answer?.status, 200, `web0 answered the summary ${elapsed} ms into the stall\n${web0.tail()}`);
        if (answer.stale && firstStale === undefined) firstStale = Date.now() - stallAt;
        if (elapsed > STALE_IN_STALL_WITHIN_MS)
          assert.ok(answer.stale, `web0 not marked stale ${elapsed} ms into the stall`);
        const [ready0, health0, readyWeb, healthWeb] = probes;
        if (elapsed > NOT_READY_WITHIN_MS)
          assert.deepEqual([ready0, readyWeb], [503, 503], `/readyz of worker0 and web0 ${elapsed} ms into the stall`);
        assert.deepEqual([health0, healthWeb], [200, 200], `/healthz of worker0 and web0 ${elapsed} ms into the stall`);
        await sleep(500);
      }
      figures.stallStaleAfterMs = firstStale ?? -1;
      figures.stallSlowestReadyzMs = slowestProbeMs;
      // each readiness check is cut off after 2 s (the store ping after 1 s)
      assert.ok(slowestProbeMs <= 2_000 + SLACK_MS, `a probe took ${slowestProbeMs} ms while the store hung`);
      const owners = await leaseOwners(cluster);
      assert.ok(
        isBalanced(owners, UNITS, ['worker1', 'worker2']),
        `worker0's units (${stalled.join(' ')}) moved to the others: ${JSON.stringify([...owners])}`,
      );
      noteHandovers(await leaseStarts(cluster, stalled));

      for (const name of ['worker0', 'web0']) cluster.proxies.get(name)!.heal();
      const healedAt = Date.now();
      await waitFor(
        'worker0 and web0 ready again',
        async () => (await worker0.status('/readyz')) === 200 && (await web0.status('/readyz')) === 200,
        30_000,
        200,
      );
      figures.stallReadyAgainMs = Date.now() - healedAt;
      await waitFor('web0 fresh again', async () => (await summaryOf(web0))?.stale === null, 30_000, 200);
      await waitFor(
        'worker0 back with a share, the spread balanced',
        async () => {
          const now = await leaseOwners(cluster);
          return (now.get('worker0')?.length ?? 0) >= 1 && isBalanced(now, UNITS, names());
        },
        10 * TTL + 10_000,
        100,
      );
      figures.stallShareBackMs = Date.now() - healedAt;
      await sleep(2 * INTERVAL);
      const results = await storedResults(cluster);
      for (const m of MONITORS)
        assert.deepEqual(
          sameSlotPairs(m, results.get(m) ?? [], INTERVAL, handoversOf(m)),
          [],
          `${m}: two results in one slot (from two workers)`,
        );
      for (const p of cluster.all) assert.deepEqual(p.unexpectedExits, [], `${p.name} exited on its own:\n${p.tail()}`);
      t.diagnostic(`figures: ${JSON.stringify(figures)}`);
    });
  },
);
