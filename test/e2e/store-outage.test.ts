import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { CheckResult } from '../../src/domain/check-result.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.ts';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The requirement speaks of a minute without the database; the test keeps it short to stay fast. What it shows does
 * not depend on the length as long as the result buffer does not overflow and the leases do not run out (see TTL).
 */
const OUTAGE_MS = 8_000;
/**
 * A worker that cannot renew its leases drops its units before they could pass to another worker (2/3 of the TTL
 * without the store): the TTL here is well above the outage so that this worker keeps checking throughout.
 */
const LEASE_TTL_MS = 60_000;

const configText = (target: string, storageUrl: string) => `
title: Outage Status
storage: { url: "${storageUrl}", batch_interval: 50ms }
components:
  - { id: api, name: Public API, monitors: [api-health] }
monitors:
  - id: api-health
    type: http
    url: ${target}/health
    interval: 1s
    timeout: 500ms
    conditions: ["[STATUS] == 200"]
    failure_threshold: 2
    success_threshold: 1
`;

interface Summary {
  components: { id: string; status: string }[];
  incidents: { id: string; status: string }[];
}

describe('store outage: degraded mode while PostgreSQL is stopped', () => {
  let pg: OwnPostgres;
  let target: SwitchableTarget;
  let pharos: RunningPharos;
  const checked: CheckResult[] = [];
  const get = (path: string) => fetch(`${pharos.url}${path}`);

  before(async () => {
    pg = await startOwnPostgres();
    target = await startSwitchableTarget();
    const config = parseConfigText(configText(target.url, pg.url), 'outage.yaml', {});
    pharos = await startPharos({ config, port: 0, role: 'all', logger: createLogger(process.env.OUTAGE_LOG ?? 'silent'), leases: { ttlMs: LEASE_TTL_MS }, onResult: (r) => void checked.push(r) });
  });
  after(async () => {
    await pharos?.close();
    await target?.close();
    await pg?.close();
  });

  test('serves the last snapshot marked stale, buffers results, and stores them and the incident once the store is back', async () => {
    await waitFor('a healthy page', async () => {
      const s = (await (await get('/api/v2/summary.json')).json()) as Summary;
      return s.components.find((c) => c.id === 'api')?.status === 'operational';
    });
    assert.equal((await get('/readyz')).status, 200);
    const before = await get('/');
    assert.equal(before.headers.get('x-pharos-stale'), null);
    assert.doesNotMatch(await before.text(), /Status may be stale/);
    const summaryEtag = (await get('/api/v2/summary.json')).headers.get('etag');

    const outageStart = Date.now();
    await pg.stop({ mode: 'immediate' });

    const readyz = await get('/readyz');
    assert.equal(readyz.status, 503);
    const stalePage = await waitFor('the stale note', async () => {
      const res = await get('/');
      assert.equal(res.status, 200);
      const body = await res.text();
      return /Status may be stale/.test(body) ? { res, body } : undefined;
    });
    const since = stalePage.res.headers.get('x-pharos-stale');
    assert.ok(since && Number.isFinite(Date.parse(since)), `stale header: ${since}`);
    assert.ok(Date.parse(since) >= outageStart - 1000);
    assert.match(stalePage.body, /<p class="stale-note" role="status">Status may be stale: Pharos cannot reach its database since <time datetime="[^"]+"/);
    const staleSummary = await get('/api/v2/summary.json');
    assert.equal(staleSummary.status, 200);
    assert.equal(staleSummary.headers.get('x-pharos-stale'), since);
    assert.notEqual(staleSummary.headers.get('etag'), summaryEtag);
    assert.equal(((await staleSummary.json()) as Summary).components.find((c) => c.id === 'api')?.status, 'operational');

    // the target fails while the store is down: the incident is decided in memory
    target.healthy = false;
    await waitFor('an incident decided during the outage', () => pharos.board.openIncidents.size > 0, OUTAGE_MS);
    const remaining = OUTAGE_MS - (Date.now() - outageStart);
    if (remaining > 0) await sleep(remaining);
    assert.equal((await get('/readyz')).status, 503);
    assert.equal((await get('/')).status, 200);
    assert.ok(pharos.writer.failedFlushes > 0, 'commits failed while the store was down');
    const outageEnd = Date.now();
    const duringOutage = checked.filter((r) => r.startedAt >= outageStart && r.startedAt < outageEnd).length;
    assert.ok(duringOutage >= OUTAGE_MS / 1000 - 2, `checks kept running during the outage: ${duringOutage}`);

    await pg.start();
    let lastReady = '';
    await waitFor(
      '/readyz to answer 200',
      async () => {
        const res = await get('/readyz');
        lastReady = await res.text();
        return res.status === 200;
      },
      // the store's pool and the LISTEN connection reconnect with backoff; a loaded CI machine is slow to get there
      60_000,
      200,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; last /readyz answer: ${lastReady}`);
    });
    const page = await waitFor(
      'the note to go and the incident to show',
      async () => {
        const res = await get('/');
        const body = await res.text();
        return !/Status may be stale/.test(body) && res.headers.get('x-pharos-stale') === null && /Active incidents/.test(body) && /Public API is down/.test(body) ? body : undefined;
      },
      30_000,
      200,
    );
    assert.ok(page);
    const summary = (await (await get('/api/v2/summary.json')).json()) as Summary;
    assert.equal(summary.incidents.length, 1);

    await waitFor('the buffered results to be committed', () => pharos.writer.pending.results.length === 0, 30_000);
    assert.equal(pharos.writer.droppedResults, 0);
    const stored = await pharos.store.listResults('api-health', { from: outageStart, to: outageEnd, limit: 10_000 });
    const checkedInWindow = checked.filter((r) => r.monitorId === 'api-health' && r.startedAt >= outageStart && r.startedAt <= outageEnd);
    assert.equal(stored.length, checkedInWindow.length, 'every result checked during the outage is stored');
    const incidents = (await pharos.store.listIncidents({ limit: 50 })).filter((i) => i.createdAt >= outageStart);
    assert.equal(incidents.length, 1, 'the incident decided during the outage is stored exactly once');
    assert.equal(summary.incidents[0]!.id, incidents[0]!.id);
  });
});
