import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { allMonitorIds, DEFAULT_SHAPE, unitIds } from '../support/cluster-config.ts';
import { isBalanced, leaseOwners, startCluster, storedResults, type Cluster } from '../support/cluster-harness.ts';
import { sameSlotPairs, unmatchedChecks } from '../support/cluster-results.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Two `--role worker` processes hand units over while checks are in flight: the monitored service answers slowly, a
 * worker holding every unit sees a second one start and releases its surplus. The README: "before releasing, the old
 * owner lets its checks in flight finish and flushes its batch" — so every check that reached the service is stored.
 */
const SHAPE = DEFAULT_SHAPE;
const TTL = SHAPE.leaseTtlMs;
const INTERVAL = SHAPE.intervalMs;
const UNITS = unitIds(SHAPE);
const MONITORS = allMonitorIds(SHAPE);
/** under the monitors' 500 ms timeout: about 40 % of the time a monitor's check is in flight */
const SLOW_ANSWER_MS = 400;
/** arrivals are noted by this process, late on a loaded machine */
const ARRIVAL_LAG_MS = 2 * INTERVAL;

describe('replicas as processes: units handed over with checks in flight', { timeout: 180_000 }, () => {
  let cluster: Cluster;
  const figures: Record<string, number | string> = {};

  before(async () => {
    cluster = await startCluster({ workers: 2, webs: 0, name: 'handover' });
  });

  after(async () => {
    await cluster?.close();
  });

  test('a worker releasing units to a newcomer stores the results of the checks it had in flight', async (t) => {
    const [worker0, worker1] = cluster.workers as [(typeof cluster.workers)[number], (typeof cluster.workers)[number]];
    await worker1.kill();
    await waitFor(
      'worker0 owning every unit',
      async () => (await leaseOwners(cluster)).get('worker0')?.length === UNITS.length,
      6 * TTL + 10_000,
      100,
    );
    cluster.target.delayMs = SLOW_ANSWER_MS;
    await sleep(2 * INTERVAL);

    const from = Date.now();
    await worker1.start();
    await waitFor(
      'the units shared again',
      async () => {
        const owners = await leaseOwners(cluster);
        return (owners.get('worker1')?.length ?? 0) > 0 && isBalanced(owners, UNITS, [worker0.name, worker1.name]);
      },
      10 * TTL + 10_000,
      100,
    );
    figures.sharedAfterMs = Date.now() - from;
    figures.shares = JSON.stringify([...(await leaseOwners(cluster))].map(([w, u]) => [w, u.length]));
    await sleep(3 * INTERVAL);

    const readAt = Date.now();
    const results = await storedResults(cluster);
    const lost: string[] = [];
    for (const m of MONITORS) {
      const times = results.get(m) ?? [];
      assert.deepEqual(sameSlotPairs(m, times, INTERVAL), [], `${m}: two results in one slot`);
      const arrivals = (cluster.target.hits.get(m) ?? []).filter((x) => x >= from && x < readAt - INTERVAL);
      for (const at of unmatchedChecks(arrivals, times, ARRIVAL_LAG_MS)) lost.push(`${m}@${at - from}`);
    }
    figures.lost = lost.join(' ');
    t.diagnostic(`figures: ${JSON.stringify(figures)}`);
    assert.deepEqual(
      lost,
      [],
      'checks that reached the service during the handover whose results were never stored (ms from the newcomer start)',
    );
  });
});
