/**
 * bench/ha: takeover time after a worker is killed. Three workers (lease TTL 10 s, or --ttl ms) share 30 components
 * × 2 monitors at a 1 s interval against a local target on PostgreSQL (Redis bus). Once balanced, the worker owning
 * the most units gets SIGKILL; the takeover time is until every one of its monitors has a stored result that started
 * after the kill (so from another worker). The killed worker is restarted and the three rebalance; --runs times.
 *
 *   npm run build && node bench/ha/takeover.mjs [--runs 10] [--ttl 10000]
 *
 * Workers are bench/ha/pharos-process.mjs (startPharos from dist/index.mjs): the CLI cannot set the TTL.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { REDIS_URL, freshDatabase, quantile, queryOnce, startPharosProcess, startTarget, until } from './support.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    ttl: { type: 'string', default: '10000' },
    components: { type: 'string', default: '30' },
  },
});
const runs = Number(values.runs);
const ttlMs = Number(values.ttl);
const components = Number(values.components);
const WORKERS = 3;

const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-ha-takeover-'));
const db = await freshDatabase('takeover');
const target = await startTarget();
const workers = [];
try {
  const configFile = join(dir, 'pharos.yaml');
  const monitorsOf = (c) => [`m${c}a`, `m${c}b`];
  await writeFile(
    configFile,
    JSON.stringify({
      title: 'HA takeover bench',
      logging: { level: 'warn' },
      server: { host: '127.0.0.1', secret: 'test-secret-shared-by-every-replica-0123456789' },
      storage: { url: db.url },
      bus: { redis: { url: REDIS_URL, prefix: `bench${Date.now().toString(36)}` } },
      components: Array.from({ length: components }, (_, i) => ({
        id: `c${i}`,
        name: `Component ${i}`,
        monitors: monitorsOf(i),
      })),
      monitors: Array.from({ length: components }, (_, i) =>
        monitorsOf(i).map((id) => ({ id, type: 'http', url: `${target.url}/${id}`, interval: '1s' })),
      ).flat(),
    }),
  );
  const start = () => startPharosProcess({ configFile, role: 'worker', ttlMs });
  for (let i = 0; i < WORKERS; i++) workers.push(await start());
  const share = Math.ceil(components / WORKERS);
  const unitsOfAll = async () => Promise.all(workers.map(async (w) => (await w.ask('units')).units));
  const balanced = async () => {
    const owned = await unitsOfAll();
    return owned.every((u) => u.length <= share) && owned.reduce((n, u) => n + u.length, 0) === components && owned;
  };

  const samples = [];
  const balanceMs = [];
  for (let run = 0; run < runs; run++) {
    const t = Date.now();
    const owned = await until(balanced, { timeoutMs: 30 * ttlMs, everyMs: 250, what: 'a balanced spread' });
    balanceMs.push(Date.now() - t);
    const victim = owned.reduce((best, u, i) => (u.length > owned[best].length ? i : best), 0);
    const monitors = owned[victim].flatMap((unit) => monitorsOf(unit.slice(3)));
    await sleep(1_500); // every monitor has run under its current owner
    const killedAt = Date.now();
    await workers[victim].kill();
    const firstAfter = await until(
      async () => {
        const { rows } = await queryOnce(
          db.url,
          'select m.id, min(r.started_at) as first from results r join monitors m on m.key = r.monitor_key where m.id = any($1) and r.started_at > $2 group by m.id',
          [monitors, killedAt],
        );
        return rows.length === monitors.length && rows;
      },
      { timeoutMs: 10 * ttlMs, everyMs: 100, what: 'every monitor of the killed worker checked again' },
    );
    const seenAt = Date.now();
    const takeoverMs = Math.max(...firstAfter.map((r) => Number(r.first))) - killedAt;
    samples.push({
      run,
      units: owned[victim].length,
      monitors: monitors.length,
      takeover_ms: takeoverMs,
      seen_in_store_ms: seenAt - killedAt,
    });
    console.error(
      `run ${run}: killed a worker with ${owned[victim].length} units (${monitors.length} monitors): checked again after ${takeoverMs} ms (seen ${seenAt - killedAt} ms)`,
    );
    workers[victim] = await start();
  }

  const takeovers = samples.map((s) => s.takeover_ms);
  const result = {
    bench: 'ha-takeover',
    workers: WORKERS,
    components,
    monitors: components * 2,
    interval_ms: 1000,
    ttl_ms: ttlMs,
    runs,
    takeover_p50_ms: quantile(takeovers, 0.5),
    takeover_p99_ms: quantile(takeovers, 0.99),
    takeover_max_ms: Math.max(...takeovers),
    two_ttl_ms: 2 * ttlMs,
    within_two_ttl: takeovers.filter((v) => v <= 2 * ttlMs).length,
    rebalance_p50_ms: quantile(balanceMs.slice(1), 0.5),
    samples,
    cores: availableParallelism(),
  };
  console.log(JSON.stringify(result));
  console.log(
    `takeover after SIGKILL (${runs} runs, TTL ${ttlMs} ms, ${result.monitors} monitors at 1 s over ${WORKERS} workers): p50 ${result.takeover_p50_ms} ms, ` +
      `p99 ${result.takeover_p99_ms} ms (2 x TTL = ${2 * ttlMs} ms; ${result.within_two_ttl}/${runs} within); rebalance after restart p50 ${result.rebalance_p50_ms} ms`,
  );
} finally {
  for (const w of workers) await w.stop().catch(() => undefined);
  target.stop();
  await db.drop().catch((err) => console.error('dropping the database failed', err));
  await rm(dir, { recursive: true, force: true });
}
