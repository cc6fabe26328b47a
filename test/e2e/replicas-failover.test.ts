import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { allMonitorIds, DEFAULT_SHAPE, monitorsOf, unitIds } from '../support/cluster-config.ts';
import {
  isBalanced,
  leaseOwners,
  startCluster,
  storedResults,
  summaryOf,
  type Cluster,
} from '../support/cluster-harness.ts';
import { sameSlotPairs, smallestSpacing, unmatchedChecks } from '../support/cluster-results.ts';
import { watchStream, type StreamWatch } from '../support/cluster-sse.ts';
import type { PharosProcess } from '../support/pharos-process.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Three `--role worker` and two `--role web` processes of `pharos start` on a PostgreSQL and a Redis of the test's
 * own. A worker is SIGKILLed while a component it owns is down: the others take its monitors over within 2 × TTL,
 * no monitor is checked by two workers at once, the incident and its notifications are not repeated, the web
 * replicas follow; restarted, the worker gets its share back.
 */
const SHAPE = DEFAULT_SHAPE;
const TTL = SHAPE.leaseTtlMs;
const INTERVAL = SHAPE.intervalMs;
const UNITS = unitIds(SHAPE);
const MONITORS = allMonitorIds(SHAPE);
/** the README's promise for a change seen by one replica to show on the others */
const PROPAGATION_MS = 2_000;
/** polling of the summary, and a loaded 2-core machine running other tests */
const SLACK_MS = 1_000;
/** a dead worker's monitors are checked again by others within 2 × TTL, plus the interval to their next slot and a batch */
/**
 * A check reaches the target within its timeout (500 ms) of its start, but the target runs in this test's process,
 * whose event loop may note the arrival late on a loaded machine: results are matched to arrivals up to this later.
 */
const ARRIVAL_LAG_MS = 2 * INTERVAL;
const TAKEOVER_BOUND_MS = 2 * TTL + INTERVAL + SHAPE.batchIntervalMs + SLACK_MS;

interface Delivery {
  key: string;
  id: string;
  type: string;
  monitor?: string;
  incident?: string;
}

describe('replicas as processes: a worker killed mid-outage', { timeout: 240_000 }, () => {
  let cluster: Cluster;
  const startedAt = Date.now();
  const streams: StreamWatch[] = [];
  const figures: Record<string, number | string> = {};
  const running = () => cluster.workers.filter((w) => w.running).map((w) => w.name);
  const logs = () => cluster.all.map((p) => `--- ${p.name} (pid ${p.pid}) ---\n${p.tail(15)}`).join('\n');
  const deliveries = (): Delivery[] =>
    cluster.receiver.requests.map((r) => {
      const body = r.json as { id: string; type: string; monitor?: { id: string }; incident?: { id: string } };
      return {
        key: String(r.headers['idempotency-key']),
        id: body.id,
        type: body.type,
        monitor: body.monitor?.id,
        incident: body.incident?.id,
      };
    });
  const incidentsOf = async (componentId: string) =>
    (
      await cluster.db.query<{ id: string; resolved_at: string | null }>(
        'select i.id, i.resolved_at from incidents i join incident_components ic on ic.incident_id = i.id where ic.component_id = $1 and i.created_at >= $2',
        [componentId, startedAt],
      )
    ).rows;

  /** per running worker: pharos_results_dropped_total by reason */
  const droppedCounts = async () =>
    Object.fromEntries(
      await Promise.all(
        cluster.workers
          .filter((w) => w.running)
          .map(
            async (w) =>
              [
                w.name,
                [
                  ...(await (await fetch(`${w.url}/metrics`)).text()).matchAll(
                    /^pharos_results_dropped_total\{reason="(\w+)"\} (\d+)/gm,
                  ),
                ]
                  .map((x) => `${x[1]}=${x[2]}`)
                  .join(' '),
              ] as const,
          ),
      ),
    );

  before(async () => {
    cluster = await startCluster({ workers: 3, webs: 2, name: 'failover' });
    figures.startupMs = Date.now() - startedAt;
  });

  after(async () => {
    for (const s of streams) s.close();
    await cluster?.close();
  });

  test('the units spread fairly over the three workers and every monitor is stored', async () => {
    const t0 = Date.now();
    await waitFor(
      'every unit owned, nobody above the fair share',
      async () => isBalanced(await leaseOwners(cluster), UNITS, running()),
      30_000,
      200,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${logs()}`);
    });
    figures.balancedAfterMs = Date.now() - t0;
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
    const owners = await leaseOwners(cluster);
    assert.deepEqual([...owners.values()].map((u) => u.length).sort(), [2, 3, 3], JSON.stringify([...owners]));
  });

  test('a status change seen by a worker reaches both web replicas (summary and stream) within 2 s', async () => {
    for (const web of cluster.webs) streams.push(await watchStream(`${web.url}/api/v2/stream`));
    await waitFor('each stream to send the current page', () => streams.every((s) => s.events.length > 0), 10_000);
    const baseline = streams.map((s) => s.events.at(-1)!.etag);

    const owners = await leaseOwners(cluster);
    const victim = [...owners].find(([, units]) => units.some((u) => u.startsWith('c:')));
    assert.ok(victim);
    const component = victim[1].find((u) => u.startsWith('c:'))!.slice(2);
    figures.failingComponent = component;
    for (const m of monitorsOf(component)) cluster.target.failing.add(m);

    const seenAt = await Promise.all(
      cluster.webs.map((web) =>
        waitFor(
          `${web.name} to show ${component} as a major outage`,
          async () =>
            (await summaryOf(web))?.summary.components.find((c) => c.id === component)?.status === 'major_outage'
              ? Date.now()
              : undefined,
          20_000,
          50,
        ),
      ),
    );
    const { rows } = await cluster.db.query<{ since: string; status: string }>(
      'select since, status from component_statuses where component_id = $1',
      [component],
    );
    assert.equal(rows[0]?.status, 'major_outage');
    const decidedAt = Number(rows[0]!.since);
    seenAt.forEach((at, i) => {
      figures[`summaryLagMs_web${i}`] = at - decidedAt;
      assert.ok(
        at - decidedAt <= PROPAGATION_MS + SLACK_MS,
        `web${i} showed it ${at - decidedAt} ms after the worker decided`,
      );
    });
    streams.forEach((s, i) => {
      const announced = s.events.find((e) => e.at >= decidedAt && e.etag !== baseline[i]);
      assert.ok(announced, `web${i}'s stream announced a new page`);
      figures[`streamLagMs_web${i}`] = announced.at - decidedAt;
      assert.ok(
        announced.at - decidedAt <= PROPAGATION_MS + SLACK_MS,
        `web${i}'s stream announced it ${announced.at - decidedAt} ms after`,
      );
    });
  });

  test('SIGKILL of the worker owning the failing component: its monitors move within 2 × TTL, one incident, no notification twice', async () => {
    const component = String(figures.failingComponent);
    await waitFor(
      `an open incident for ${component}`,
      async () => (await incidentsOf(component)).some((i) => i.resolved_at === null),
      15_000,
      200,
    );
    await waitFor(
      'monitor.down of both monitors and incident.created delivered',
      () => {
        const d = deliveries();
        return (
          monitorsOf(component).every((m) => d.some((x) => x.type === 'monitor.down' && x.monitor === m)) &&
          d.some((x) => x.type === 'incident.created')
        );
      },
      15_000,
      100,
    );

    const owners = await leaseOwners(cluster);
    const [victimName, orphans] = [...owners].find(([, units]) => units.includes(`c:${component}`))!;
    const victim = cluster.workers.find((w) => w.name === victimName)!;
    figures.victim = `${victimName} (${orphans.join(' ')})`;
    figures.droppedBeforeKill = JSON.stringify(await droppedCounts());
    const killedAt = Date.now();
    figures.killedAt = killedAt;
    await victim.kill();

    const takenAt = await waitFor(
      'the orphaned units owned by the survivors',
      async () => {
        const now = await leaseOwners(cluster);
        return isBalanced(now, UNITS, running()) ? Date.now() : undefined;
      },
      6 * TTL + 10_000,
      50,
    );
    figures.leaseTakeoverMs = takenAt - killedAt;
    assert.ok(
      takenAt - killedAt <= 2 * TTL + SLACK_MS,
      `the units were claimed ${takenAt - killedAt} ms after the kill`,
    );

    const orphanMonitors = orphans.flatMap((u) => (u.startsWith('c:') ? monitorsOf(u.slice(2)) : [u.slice(2)]));
    const firstAfterKill = await waitFor(
      'every monitor stored again after the kill',
      async () => {
        const results = await storedResults(cluster);
        const firsts = MONITORS.map((m) => [m, (results.get(m) ?? []).find((t) => t > killedAt)] as const);
        return firsts.every(([, t]) => t !== undefined) ? new Map(firsts as (readonly [string, number])[]) : undefined;
      },
      3 * TAKEOVER_BOUND_MS,
      200,
    );
    const worst = Math.max(...orphanMonitors.map((m) => firstAfterKill.get(m)! - killedAt));
    figures.checkedAgainAfterKillMs = worst;
    assert.ok(
      worst <= TAKEOVER_BOUND_MS,
      `an orphaned monitor was next checked ${worst} ms after the kill (bound ${TAKEOVER_BOUND_MS})`,
    );

    // a few more rounds while the component is still down, then it recovers on its new owner
    await new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL));
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
    for (const web of cluster.webs)
      await waitFor(
        `${web.name} to show ${component} operational`,
        async () =>
          (await summaryOf(web))?.summary.components.find((c) => c.id === component)?.status === 'operational',
        10_000,
        100,
      );

    assert.equal((await incidentsOf(component)).length, 1, 'one automatic incident across the takeover');
    const d = deliveries();
    const keys = d.map((x) => x.key);
    assert.equal(new Set(keys).size, keys.length, `a delivery repeated: ${JSON.stringify(d)}`);
    assert.equal(new Set(d.map((x) => x.id)).size, d.length, 'an event id delivered twice');
    for (const m of monitorsOf(component)) {
      assert.equal(
        d.filter((x) => x.type === 'monitor.down' && x.monitor === m).length,
        1,
        `monitor.down of ${m}: ${JSON.stringify(d)}`,
      );
      assert.equal(
        d.filter((x) => x.type === 'monitor.up' && x.monitor === m).length,
        1,
        `monitor.up of ${m}: ${JSON.stringify(d)}`,
      );
    }
    assert.equal(d.filter((x) => x.type === 'incident.created').length, 1);
    assert.equal(d.filter((x) => x.type === 'incident.resolved').length, 1);
    figures.notifications = d.length;
  });

  test('the killed worker, restarted, gets a fair share back; no monitor was ever checked by two workers at once', async (t) => {
    const victim = cluster.workers.find((w) => !w.running) as PharosProcess;
    assert.ok(victim, 'a worker is down');
    const t0 = Date.now();
    await victim.start();
    figures.restartHealthyMs = Date.now() - t0;
    await waitFor(
      'the restarted worker owning units, the spread balanced',
      async () => {
        const owners = await leaseOwners(cluster);
        return (owners.get(victim.name)?.length ?? 0) >= 1 && isBalanced(owners, UNITS, running());
      },
      6 * TTL + 10_000,
      100,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify([...(await leaseOwners(cluster))])}\n${victim.tail()}`);
    });
    figures.shareBackMs = Date.now() - t0;
    figures.sharesAfterRestart = JSON.stringify([...(await leaseOwners(cluster))].map(([w, u]) => [w, u.length]));
    // a few rounds after the units moved back
    await new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL));

    const results = await storedResults(cluster);
    let spacing = Infinity;
    for (const m of MONITORS) {
      const times = results.get(m) ?? [];
      assert.deepEqual(
        sameSlotPairs(m, times, INTERVAL),
        [],
        `${m} was checked twice in one slot (two owners at once)`,
      );
      spacing = Math.min(spacing, smallestSpacing(times));
    }
    figures.smallestSpacingMs = spacing;
    for (const p of cluster.all) assert.deepEqual(p.unexpectedExits, [], `${p.name} exited on its own:\n${p.tail()}`);
    t.diagnostic(`figures: ${JSON.stringify(figures)}`);
  });

  test("no result lost but the killed worker's last unflushed ones", async (t) => {
    const readAt = Date.now();
    const results = await storedResults(cluster);
    const killedAt = Number(figures.killedAt);
    const lost: string[] = [];
    const lostDetail: string[] = [];
    for (const m of MONITORS) {
      const times = results.get(m) ?? [];
      const arrivals = (cluster.target.hits.get(m) ?? []).filter((x) => x < readAt - INTERVAL);
      for (const at of unmatchedChecks(arrivals, times, ARRIVAL_LAG_MS)) {
        lost.push(`${m}@${at - killedAt}`);
        const near = (xs: number[]) => xs.filter((x) => Math.abs(x - at) < 3_000).map((x) => x - killedAt);
        lostDetail.push(`${m}: arrivals ${near(arrivals).join(',')}; stored ${near(times).join(',')}`);
      }
    }
    t.diagnostic(`lost (ms from the kill): ${lost.join(' ') || 'none'}`);
    // the checks whose results are not stored: only the killed worker's last ones, not flushed when it died
    const unexplained = lost.filter((x) => {
      const offset = Number(x.split('@')[1]);
      return offset > SLACK_MS || offset < -(INTERVAL + 2 * SHAPE.batchIntervalMs + SLACK_MS);
    });
    assert.deepEqual(
      unexplained,
      [],
      `results lost other than the killed worker's last unflushed ones\n${lostDetail.join('\n')}\ndropped: ${JSON.stringify(await droppedCounts())}`,
    );
  });
});
