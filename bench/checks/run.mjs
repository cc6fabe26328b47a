/**
 * bench/checks: N HTTP monitors against a target on 127.0.0.1, Pharos in this process with SQLite (or PostgreSQL: --postgres).
 * Prints checks/s achieved vs expected, scheduling drift p50/p99, RSS and CPU, event-loop delay, bytes per stored
 * result, database growth per 1,000 monitor-days, and the time after a restart until every monitor was checked again.
 *
 *   npm run build && node bench/checks/run.mjs --monitors 10000 --interval 30s --duration 120s
 *
 * --shape realistic: half of the monitors in components of 100 shown on the status page, half lone monitors, with
 * /api/v2/summary.json requested --rps times a second (from another process) while checking; its latency is reported.
 * --flapping P: P % of the targets alternate between 200 and 503 every 40 s (events all along, as in real life).
 * --skip-restart: leave out the restart phase (shorter runs).
 * --profile-measure FILE: a CPU profile of the measured phase only.
 * --check-threads N|auto: scheduler.check_threads (default: the config's default, auto); 0 checks in the main thread.
 * --postgres: store on PostgreSQL (a fresh database on PHAROS_BENCH_DATABASE_URL, default
 *   postgres://postgres@127.0.0.1:5432/test, dropped afterwards) instead of a SQLite file.
 *
 * Pharos runs from its bundle (dist/index.mjs), as `pharos start` does, so that the figures are those of production.
 */
import { fork } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freshDatabase } from '../ha/support.mjs';
import { readFileSync } from 'node:fs';
import { configSchema, createLogger, startPharos } from '../../dist/index.mjs';

/** CPU time (ms, user+system) of this process (every thread) and of its main thread, and RSS. */
function sampleUsage() {
  const cpu = process.cpuUsage();
  const main = process.threadCpuUsage();
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    mainCpuMs: (main.user + main.system) / 1000,
    rssBytes: process.memoryUsage.rss(),
  };
}

/** Peak RSS of this process so far (VmHWM), in bytes. */
function peakRss() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** "30s", "2m", "500ms" → ms */
function parseDuration(text) {
  const m = /^(\d+)(ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]];
}

const { values } = parseArgs({
  options: {
    monitors: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '30s' },
    duration: { type: 'string', default: '120s' },
    concurrency: { type: 'string', default: '500' },
    keep: { type: 'boolean', default: false },
    shape: { type: 'string', default: 'lone' },
    rps: { type: 'string', default: '100' },
    /** percent of monitors whose target alternates between 200 and 503 every 40 s (state changes all along) */
    flapping: { type: 'string', default: '0' },
    'skip-restart': { type: 'boolean', default: false },
    /** write a CPU profile of the measured phase only (startup and warm-up left out) to this file */
    'profile-measure': { type: 'string' },
    postgres: { type: 'boolean', default: false },
    'check-threads': { type: 'string' },
  },
});
if (!['lone', 'realistic'].includes(values.shape)) throw new Error(`--shape lone|realistic, not ${values.shape}`);
const realistic = values.shape === 'realistic';
const monitors = Number(values.monitors);
const intervalMs = parseDuration(values.interval);
const durationMs = parseDuration(values.duration);

const target = fork(new URL('./target-server.mjs', import.meta.url).pathname, [values.flapping, '40000']);
const port = await new Promise((resolve) => target.once('message', (m) => resolve(m.port)));
const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-'));
const dbFile = join(dir, 'bench.db');
const pgDb = values.postgres ? await freshDatabase('checks') : undefined;

// realistic: the first half of the monitors in components of 100 (all on the default page), the rest alone
const inComponents = realistic ? Math.floor(monitors / 2) : 0;
const config = configSchema.parse({
  title: 'Bench',
  logging: { level: 'warn' },
  storage: { url: pgDb ? pgDb.url : `sqlite:${dbFile}` },
  scheduler: {
    concurrency: Number(values.concurrency),
    ...(values['check-threads'] === undefined
      ? {}
      : { check_threads: values['check-threads'] === 'auto' ? 'auto' : Number(values['check-threads']) }),
  },
  components: Array.from({ length: Math.ceil(inComponents / 100) }, (_, c) => ({
    id: `c${c}`,
    name: `Component ${c}`,
    group: `Group ${Math.floor(c / 10)}`,
    monitors: Array.from({ length: Math.min(100, inComponents - c * 100) }, (_, j) => `m${c * 100 + j}`),
  })),
  monitors: Array.from({ length: monitors }, (_, i) => ({
    id: `m${i}`,
    type: 'http',
    url: `http://127.0.0.1:${port}/health/${i}`,
    interval: intervalMs,
    timeout: '5s',
    conditions: ['[STATUS] == 200', '[RESPONSE_TIME] < 1000'],
  })),
});

const logger = createLogger('warn');
async function pgQuery(text) {
  const client = new pg.Client({ connectionString: pgDb.url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
const dbBytes = async () => {
  if (pgDb) return (await pgQuery('select pg_database_size(current_database())::bigint as b'))[0].b * 1;
  let total = 0;
  for (const f of await readdir(dir)) total += (await stat(join(dir, f))).size;
  return total;
};

let phase = 'startup';
const peakByPhase = {};
const rssSampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  peakByPhase[phase] = Math.max(peakByPhase[phase] ?? 0, Math.round(rss / 1048576));
}, 200);
const start = async () => startPharos({ config, port: 0, logger });
let pharos = await start();
const t0 = Date.now();
const usage0 = sampleUsage();
const bytes0 = await dbBytes();
const results0 = pharos.writer.committedResults;

phase = 'warmup';
// Warm up one interval so every monitor has run once, then measure.
await sleep(Math.min(intervalMs, durationMs / 2));
pharos.runner.scheduler.drift.reset();
phase = 'measure';
// the histogram records each timer period (resolution included): subtract it to get the delay
const LOOP_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loopDelay.enable();
const load = realistic ? fork(new URL('./load-client.mjs', import.meta.url).pathname) : undefined;
if (load) {
  await new Promise((resolve) => load.once('message', resolve));
  load.send({ type: 'start', url: `${pharos.url}/api/v2/summary.json`, rps: Number(values.rps) });
}
const profiler = values['profile-measure'] ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const tm = Date.now();
const startedAtMeasure = pharos.runner.scheduler.started;
const usageM = sampleUsage();
let maxRss = 0;
let heapAtMaxRss;
while (Date.now() - t0 < durationMs) {
  await sleep(1000);
  const rss = sampleUsage().rssBytes;
  if (rss > maxRss) {
    maxRss = rss;
    heapAtMaxRss = process.memoryUsage();
  }
}
const measuredMs = Date.now() - tm;
const started = pharos.runner.scheduler.started - startedAtMeasure;
const usage1 = sampleUsage();
loopDelay.disable();
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  await writeFile(values['profile-measure'], JSON.stringify(profile));
  profiler.disconnect();
}
const summaryJson = load
  ? await new Promise((resolve) => {
      load.once('message', resolve);
      load.send({ type: 'stop' });
    })
  : undefined;
load?.kill();
const snapshotBuild = { last_ms: +pharos.snapshot.lastBuildMs.toFixed(0) };
await pharos.writer.flush();
const drift = pharos.runner.scheduler.drift;
const stored = pharos.writer.committedResults - results0;
const bytes1 = await dbBytes();
const failures = [...pharos.board.states.values()].filter((s) => s.status !== 'up').length;

// Restart: time until every monitor has a result newer than the restart, and the longest gap between a monitor's
// last check before the restart and its first check after it.
phase = 'restart';
const skipRestart = values['skip-restart'];
const lastBefore = new Map([...pharos.board.states].map(([id, st]) => [id, st.lastCheckAt ?? 0]));
await pharos.close();
const restartAt = Date.now();
if (!skipRestart) pharos = await start();
let lastSeen = 0;
const firstAfter = new Map();
const deadline = skipRestart ? 0 : restartAt + intervalMs * 2 + 10_000;
while (Date.now() < deadline) {
  let unchecked = 0;
  for (const id of pharos.board.monitors.keys()) {
    const at = pharos.board.stateOf(id).lastCheckAt ?? 0;
    if (at < restartAt) unchecked += 1;
    else if (!firstAfter.has(id)) firstAfter.set(id, at);
  }
  if (unchecked === 0) {
    lastSeen = Date.now();
    break;
  }
  await sleep(100);
}
let maxGap = 0;
for (const [id, before] of lastBefore) maxGap = Math.max(maxGap, (firstAfter.get(id) ?? Infinity) - before);
if (!skipRestart) await pharos.close();
clearInterval(rssSampler);
target.kill();

// Table sizes (SQLite's dbstat; PostgreSQL's pg_table_size, heap and TOAST, indexes apart as on SQLite): what a
// result costs, and what the rollups cost per monitor-day.
let resultRows, resultBytes, rollupRows, rollupBytes;
if (pgDb) {
  const size = async (name) =>
    (await pgQuery(`select pg_table_size('${name}')::bigint as b, (select count(*) from ${name})::bigint as n`))[0];
  const [r, u] = [await size('results'), await size('rollups')];
  [resultRows, resultBytes, rollupRows, rollupBytes] = [Number(r.n), Number(r.b), Number(u.n), Number(u.b)];
  await pgDb.drop();
} else {
  const db = new Database(dbFile, { readonly: true });
  const tableBytes = (name) =>
    db.prepare('SELECT COALESCE(SUM(pgsize), 0) AS b FROM dbstat WHERE name = ?').get(name).b;
  const rowCount = (name) => db.prepare(`SELECT COUNT(*) AS n FROM ${name}`).get().n;
  resultRows = rowCount('results');
  resultBytes = tableBytes('results');
  rollupRows = rowCount('rollups');
  rollupBytes = tableBytes('rollups');
  db.close();
}

const expectedPerSec = (monitors / intervalMs) * 1000;
const perResult = resultBytes / resultRows;
const perRollupRow = rollupRows > 0 ? rollupBytes / rollupRows : 0;
const checksPerDay = (86_400_000 / intervalMs) * 1000;
const delayMs = (ns) => +Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS).toFixed(1);
const figures = {
  monitors,
  store: pgDb ? 'postgresql' : 'sqlite',
  load_average_1m_5m: loadavg()
    .map((x) => +x.toFixed(1))
    .slice(0, 2),
  flapping_percent: Number(values.flapping),
  shape: realistic
    ? `realistic (${inComponents} in ${config.components.length} components, ${monitors - inComponents} lone)`
    : 'lone',
  interval: values.interval,
  measured_seconds: +(measuredMs / 1000).toFixed(1),
  checks_per_second: +((started / measuredMs) * 1000).toFixed(1),
  expected_per_second: +expectedPerSec.toFixed(1),
  drift_p50_ms: drift.quantile(0.5),
  drift_p99_ms: drift.quantile(0.99),
  drift_max_ms: drift.max,
  skipped_slots: pharos.runner.scheduler.skipped,
  not_up_at_end: failures,
  rss_max_mb: +(maxRss / 1048576).toFixed(0),
  rss_peak_process_mb: +(peakRss() / 1048576).toFixed(0),
  heap_used_mb_at_max_rss: +((heapAtMaxRss?.heapUsed ?? 0) / 1048576).toFixed(0),
  heap_total_mb_at_max_rss: +((heapAtMaxRss?.heapTotal ?? 0) / 1048576).toFixed(0),
  external_mb_at_max_rss: +((heapAtMaxRss?.external ?? 0) / 1048576).toFixed(0),
  loop_delay_p50_ms: delayMs(loopDelay.percentile(50)),
  loop_delay_p99_ms: delayMs(loopDelay.percentile(99)),
  loop_delay_max_ms: delayMs(loopDelay.max),
  summary_json: summaryJson && {
    rps: Number(values.rps),
    requests: summaryJson.requests,
    errors: summaryJson.errors,
    p50_ms: summaryJson.p50,
    p99_ms: summaryJson.p99,
    max_ms: summaryJson.max,
  },
  snapshot_build: snapshotBuild,
  check_threads: config.scheduler.check_threads,
  cpu_percent_of_one_core: +(((usage1.cpuMs - usageM.cpuMs) / measuredMs) * 100).toFixed(1),
  main_thread_cpu_percent: +(((usage1.mainCpuMs - usageM.mainCpuMs) / measuredMs) * 100).toFixed(1),
  results_stored: stored,
  db_bytes_per_result: +perResult.toFixed(1),
  results_table_rows: resultRows,
  rollup_bytes_per_row: +perRollupRow.toFixed(0),
  // a monitor-day: its results plus 24 hourly and 1 daily rollup rows
  db_mb_per_1000_monitor_days: +((perResult * checksPerDay + perRollupRow * 25 * 1000) / 1048576).toFixed(1),
  db_file_growth_bytes_per_stored_result: +((bytes1 - bytes0) / stored).toFixed(1),
  restart_to_all_checked_seconds: skipRestart
    ? 'skipped'
    : lastSeen
      ? +((lastSeen - restartAt) / 1000).toFixed(2)
      : 'not within 2 intervals',
  max_gap_between_checks_across_restart_seconds: skipRestart ? 'skipped' : +(maxGap / 1000).toFixed(2),
  rss_peak_mb_by_phase: peakByPhase,
  usage_at_start_mb: +(usage0.rssBytes / 1048576).toFixed(0),
};
console.log(JSON.stringify(figures));
if (!values.keep) await rm(dir, { recursive: true, force: true });
process.exit(0);
