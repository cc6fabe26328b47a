/**
 * bench/ha: scheduling drift with 10,000 monitors (30 s interval) shared by three workers on PostgreSQL (Redis bus),
 * against a local target. Once the leases are spread, each worker's drift histogram (start minus planned start, as in
 * bench/checks) is reset and read after --duration; prints drift p50/p99/max per worker and monitors owned per worker.
 *
 *   npm run build && node bench/ha/drift.mjs [--monitors 10000] [--duration 120] [--ttl 10000]
 *
 * Prints each worker's RSS at the end too.
 *
 * Each monitor is in no component, so it is a lease unit of its own (`m:<id>`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { REDIS_URL, freshDatabase, startPharosProcess, startTarget, until } from './support.mjs';

const { values } = parseArgs({
  options: {
    monitors: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '120' },
    ttl: { type: 'string', default: '10000' },
  },
});
const monitors = Number(values.monitors);
const durationMs = Number(values.duration) * 1000;
const ttlMs = Number(values.ttl);
const WORKERS = 3;

const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-ha-drift-'));
const db = await freshDatabase('drift');
const target = await startTarget();
const workers = [];
try {
  const configFile = join(dir, 'pharos.yaml');
  await writeFile(
    configFile,
    JSON.stringify({
      title: 'HA drift bench',
      logging: { level: 'warn' },
      server: { host: '127.0.0.1', secret: 'test-secret-shared-by-every-replica-0123456789' },
      storage: { url: db.url },
      bus: { redis: { url: REDIS_URL, prefix: `bench${Date.now().toString(36)}` } },
      components: [],
      monitors: Array.from({ length: monitors }, (_, i) => ({
        id: `m${i}`,
        type: 'http',
        url: `${target.url}/health/${i}`,
        interval: '30s',
        timeout: '5s',
      })),
    }),
  );
  const t0 = Date.now();
  for (let i = 0; i < WORKERS; i++) workers.push(await startPharosProcess({ configFile, role: 'worker', ttlMs }));
  const startedMs = Date.now() - t0;
  const share = Math.ceil(monitors / WORKERS);
  const stats = () => Promise.all(workers.map((w) => w.ask('drift')));
  await until(
    async () => {
      const s = await stats();
      // the fair share is ceil(monitors / workers): balanced once nobody is above it and every monitor is owned
      return s.every((w) => w.monitors <= share) && s.reduce((n, w) => n + w.monitors, 0) === monitors;
    },
    { timeoutMs: 60 * ttlMs, everyMs: 500, what: 'a balanced spread' },
  );
  const balancedMs = Date.now() - t0;
  await Promise.all(workers.map((w) => w.ask('reset-drift')));
  const owned = [];
  const deadline = Date.now() + durationMs;
  while (Date.now() < deadline) {
    await sleep(Math.min(10_000, deadline - Date.now()));
    owned.push((await stats()).map((w) => w.monitors));
  }
  const per = await stats();
  const flat = owned.flat();
  const result = {
    bench: 'ha-drift',
    workers: WORKERS,
    monitors,
    interval_ms: 30_000,
    ttl_ms: ttlMs,
    duration_ms: durationMs,
    workers_started_ms: startedMs,
    balanced_after_ms: balancedMs,
    per_worker: per.map((w) => ({
      monitors: w.monitors,
      checks: w.count,
      drift_p50_ms: w.p50,
      drift_p99_ms: w.p99,
      drift_max_ms: w.max,
      skipped: w.skipped,
      rss_mb: w.rss_mb,
    })),
    drift_p99_ms_max_over_workers: Math.max(...per.map((w) => w.p99)),
    checks_per_s: +(per.reduce((n, w) => n + w.count, 0) / (durationMs / 1000)).toFixed(1),
    expected_checks_per_s: +(monitors / 30).toFixed(1),
    owned_min: Math.min(...flat),
    owned_max: Math.max(...flat),
    cores: availableParallelism(),
    loadavg_1m_after: +loadavg()[0].toFixed(2),
  };
  console.log(JSON.stringify(result));
  console.log(
    `${monitors} monitors at 30 s over ${WORKERS} workers (balanced ${balancedMs} ms after start): drift p99 per worker ${per.map((w) => w.p99).join(' / ')} ms ` +
      `(p50 ${per.map((w) => w.p50).join(' / ')} ms), ${result.checks_per_s} checks/s of ${result.expected_checks_per_s}; monitors owned min ${result.owned_min} max ${result.owned_max} over ${owned.length} samples`,
  );
} finally {
  for (const w of workers) await w.stop().catch(() => undefined);
  target.stop();
  await db.drop().catch((err) => console.error('dropping the database failed', err));
  await rm(dir, { recursive: true, force: true });
}
