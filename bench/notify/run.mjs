/**
 * bench/notify: notifications under a large outage, and the outbox's raw throughput. Everything on 127.0.0.1.
 *
 *   npm run build && node bench/notify/run.mjs
 *   npm run build && node bench/notify/run.mjs --recovery --postgres postgres://postgres@127.0.0.1:5432/test
 *
 * 1. Outage: 1,000 HTTP monitors (10 s interval, 1 s timeout, failure_threshold 1) over 50 components (auto incidents
 *    on), one webhook channel with the defaults (coalesce_after 5, rate_per_minute 30; `--channels N` for more), a target
 *    whose health is flipped at T0. Over `--duration`: ms from T0 and from the first recorded status change to the first
 *    message at the receiver, messages received, the events they carry (digests list up to 100 and count all in their
 *    title), outbox rows created and still pending, and when the last of the 1,000 monitor.down rows was sent.
 *    `--recovery`: the target is flipped back and the same is measured for monitor.up.
 * 2. Throughput: `--rows` outbox rows enqueued directly for a webhook channel without digest or effective rate limit
 *    (coalesce_after and rate_per_minute at the schema's maximum, 10,000), all due at one instant; deliveries per
 *    second until the receiver has them all. On SQLite, and on PostgreSQL with `--postgres URL` (a fresh database is
 *    created on that server for the run and dropped after).
 *
 * The target and the receiver run in their own processes (arrival times do not wait on Pharos's event loop); Pharos runs
 * in this process from its bundle (dist/index.mjs), as `pharos start` does. Prints one JSON line, then a summary.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { configSchema, createLogger, startPharos } from '../../dist/index.mjs';

/** "30s", "2m", "500ms" → ms */
function parseDuration(text) {
  const m = /^(\d+)(ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]];
}

const { values } = parseArgs({
  options: {
    monitors: { type: 'string', default: '1000' },
    components: { type: 'string', default: '50' },
    channels: { type: 'string', default: '1' },
    duration: { type: 'string', default: '60s' },
    recovery: { type: 'boolean', default: false },
    rows: { type: 'string', default: '5000' },
    /** spread the throughput rows over this many channels (one channel's rows go one at a time, in order) */
    'throughput-channels': { type: 'string', default: '1' },
    postgres: { type: 'string' },
    'skip-outage': { type: 'boolean', default: false },
    'skip-throughput': { type: 'boolean', default: false },
  },
});
const MONITORS = Number(values.monitors);
const COMPONENTS = Number(values.components);
const CHANNELS = Number(values.channels);
const DURATION_MS = parseDuration(values.duration);
const ROWS = Number(values.rows);
const TP_CHANNELS = Number(values['throughput-channels']);
const INTERVAL_MS = 10_000;

const logger = createLogger('warn');

/** Fork a helper and wait for its port. */
async function forkServer(file) {
  const child = fork(new URL(file, import.meta.url).pathname);
  const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
  return { child, port };
}

/** Send a message to a helper and wait for the reply that `pick` accepts. */
function ask(child, message, pick) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (!pick(m)) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.send(message);
  });
}

const receiverCount = (receiver, from) => ask(receiver.child, { count: from }, (m) => typeof m.count === 'number');
const receiverRecords = async (receiver, from) =>
  (await ask(receiver.child, { dump: from }, (m) => Array.isArray(m.records))).records;
const setHealthy = async (target, healthy) => (await ask(target.child, { healthy }, (m) => m.healthy === healthy)).at;

/** The events a webhook body carries: a digest lists up to 100 of them and counts them all in its title. */
function eventsOf(body) {
  const p = JSON.parse(body);
  if (!p.digest?.length) return { listed: [p], announced: 1, digest: false };
  const m = /(\d+) changes/.exec(p.title);
  return { listed: p.digest, announced: m ? Number(m[1]) : p.digest.length, digest: true };
}

/** A phase of the outage (down at T0, or up again at T0): what reached the receiver and what the outbox holds. */
async function measurePhase({ pharos, receiver, from, t0, wanted }) {
  const records = await receiverRecords(receiver, from);
  const changes = (await pharos.store.listAllStatusChanges({ from: t0 - INTERVAL_MS, to: Date.now() + 1 })).filter(
    (c) => c.to === wanted && c.at >= t0 - 2_000,
  );
  const firstChangeAt = changes.length ? Math.min(...changes.map((c) => c.at)) : null;
  const lastChangeAt = changes.length ? Math.max(...changes.map((c) => c.at)) : null;

  const eventType = wanted === 'down' ? 'monitor.down' : 'monitor.up';
  const byType = {};
  const seenMonitors = new Set();
  let listed = 0;
  let announced = 0;
  let digests = 0;
  let allListedAt = null;
  const perChannel = {};
  for (const r of records) {
    const e = eventsOf(r.body);
    listed += e.listed.length;
    announced += e.announced;
    if (e.digest) digests += 1;
    perChannel[r.path] = (perChannel[r.path] ?? 0) + 1;
    for (const ev of e.listed) {
      byType[ev.type] = (byType[ev.type] ?? 0) + 1;
      if (ev.type === eventType && r.path === '/hook0') seenMonitors.add(ev.monitor.id);
    }
    if (allListedAt === null && seenMonitors.size >= MONITORS) allListedAt = r.at;
  }

  const rows = (await pharos.store.outbox.list({ limit: 1_000_000 })).filter((r) => r.createdAt >= t0 - 2_000);
  const rowsByState = {};
  const rowsByType = {};
  for (const r of rows) {
    rowsByState[r.state] = (rowsByState[r.state] ?? 0) + 1;
    rowsByType[r.eventType] = (rowsByType[r.eventType] ?? 0) + 1;
  }
  const monitorRows = rows.filter((r) => r.eventType === eventType && r.targetId === 'hook0');
  const monitorRowsSent = monitorRows.filter((r) => r.state === 'sent');
  const lastMonitorRowSentAt =
    monitorRowsSent.length >= MONITORS ? Math.max(...monitorRowsSent.map((r) => r.sentAt)) : null;
  const firstAt = records[0]?.at ?? null;
  return {
    status_changes: changes.length,
    first_status_change_ms_after_t0: firstChangeAt === null ? null : firstChangeAt - t0,
    last_status_change_ms_after_t0: lastChangeAt === null ? null : lastChangeAt - t0,
    first_message_ms_after_t0: firstAt === null ? null : firstAt - t0,
    first_message_ms_after_first_status_change:
      firstAt === null || firstChangeAt === null ? null : firstAt - firstChangeAt,
    messages: records.length,
    messages_per_channel: perChannel,
    digests,
    events_listed: listed,
    events_announced: announced,
    events_listed_by_type: byType,
    outbox_rows_created: rows.length,
    outbox_rows_by_state: rowsByState,
    outbox_rows_by_type: rowsByType,
    [`${eventType}_rows_sent_hook0`]: monitorRowsSent.length,
    [`last_${eventType}_row_sent_ms_after_t0`]:
      lastMonitorRowSentAt === null ? `not within ${DURATION_MS / 1000} s` : lastMonitorRowSentAt - t0,
    [`monitors_listed_in_${eventType}_at_receiver_hook0`]: seenMonitors.size,
    [`all_${eventType}_listed_at_receiver_ms_after_t0`]:
      allListedAt === null ? 'never (digests list at most 100 events)' : allListedAt - t0,
  };
}

/** Until every monitor is up, no status changed for one interval and nothing is pending in the outbox (bounded). */
async function settle(pharos, stage) {
  const deadline = Date.now() + INTERVAL_MS * 12;
  while (Date.now() < deadline) {
    await pharos.writer.flush();
    const up = [...pharos.board.states.values()].filter((s) => s.status === 'up').length;
    const now = Date.now();
    const recent = await pharos.store.listAllStatusChanges({ from: now - INTERVAL_MS - 1_000, to: now + 1 });
    const pending = (await pharos.store.outbox.stats(now)).pending;
    if (up === MONITORS && recent.length === 0 && pending === 0) return;
    await sleep(500);
  }
  throw new Error(`monitors not all up and quiet ${stage} within ${(INTERVAL_MS * 12) / 1000} s`);
}

async function outage(target, receiver) {
  const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-notify-'));
  const perComponent = Math.ceil(MONITORS / COMPONENTS);
  const config = configSchema.parse({
    title: 'Bench',
    logging: { level: 'warn' },
    server: { host: '127.0.0.1' },
    storage: { url: `sqlite:${join(dir, 'outage.db')}` },
    components: Array.from({ length: COMPONENTS }, (_, c) => ({
      id: `c${c}`,
      name: `Component ${c}`,
      monitors: Array.from({ length: perComponent }, (_, j) => c * perComponent + j)
        .filter((i) => i < MONITORS)
        .map((i) => `m${i}`),
    })),
    monitors: Array.from({ length: MONITORS }, (_, i) => ({
      id: `m${i}`,
      type: 'http',
      url: `http://127.0.0.1:${target.port}/health/${i}`,
      interval: INTERVAL_MS,
      timeout: 1000,
      failure_threshold: 1,
      conditions: ['[STATUS] == 200'],
    })),
    notifications: Array.from({ length: CHANNELS }, (_, k) => ({
      id: `hook${k}`,
      type: 'webhook',
      url: `http://127.0.0.1:${receiver.port}/hook${k}`,
    })),
  });
  // Warm up until every monitor is up and nothing has changed for one interval (the first checks of 1,000 new monitors
  // at once can time out on a busy machine), then restart on the same database: a fresh process, so the channel's rate
  // limit starts with a full bucket, as after a quiet minute, and the monitors keep their up status.
  let pharos = await startPharos({ config, port: 0, logger });
  try {
    await settle(pharos, 'warm-up');
    await pharos.close();
    pharos = await startPharos({ config, port: 0, logger });
    await settle(pharos, 'after the restart');
    const before = (await receiverCount(receiver, 0)).count;
    const pendingBefore = (await pharos.store.outbox.stats(Date.now())).pending;
    const sentBefore = pharos.notifications.worker.counts.sent;

    const t0 = await setHealthy(target, false);
    await sleep(DURATION_MS - (Date.now() - t0));
    await pharos.writer.flush();
    const down = await measurePhase({ pharos, receiver, from: before, t0, wanted: 'down' });
    down.outbox_pending_at_end = (await pharos.store.outbox.stats(Date.now())).pending;
    down.worker_counts = { ...pharos.notifications.worker.counts };
    down.outbox_pending_at_t0 = pendingBefore;
    down.worker_sent_before_t0_since_restart = sentBefore;

    let recovery;
    if (values.recovery) {
      const from = (await receiverCount(receiver, 0)).count;
      const t1 = await setHealthy(target, true);
      await sleep(DURATION_MS - (Date.now() - t1));
      await pharos.writer.flush();
      recovery = await measurePhase({ pharos, receiver, from, t0: t1, wanted: 'up' });
      recovery.outbox_pending_at_end = (await pharos.store.outbox.stats(Date.now())).pending;
    }
    return { down, recovery };
  } finally {
    await pharos.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A fresh database on the server at `adminUrl`, dropped by `drop()`. */
async function freshPostgres(adminUrl) {
  const name = `pharos_bench_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

async function throughput(receiver, storageUrl) {
  const channelIds = Array.from({ length: TP_CHANNELS }, (_, k) => `tp${k}`);
  const config = configSchema.parse({
    title: 'Bench',
    logging: { level: 'warn' },
    server: { host: '127.0.0.1' },
    storage: { url: storageUrl },
    delivery: { poll_interval: 20 },
    notifications: channelIds.map((id) => ({
      id,
      type: 'webhook',
      url: `http://127.0.0.1:${receiver.port}/${id}`,
      rate_per_minute: 10_000,
      coalesce_after: 10_000,
    })),
  });
  const pharos = await startPharos({ config, port: 0, logger });
  try {
    const from = (await receiverCount(receiver, 0)).count;
    const created = Date.now();
    // all due at one instant after the enqueue has finished, so the worker never races the enqueue
    const due = created + 3_000;
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const targetId = channelIds[i % TP_CHANNELS];
      const event = {
        id: `bench:${i}`,
        type: 'monitor.down',
        at: created,
        pageUrl: 'http://127.0.0.1',
        components: [{ id: 'api', name: 'API', status: 'major_outage' }],
        monitor: {
          id: `m${i}`,
          name: `Monitor ${i}`,
          status: 'down',
          previousStatus: 'up',
          since: created,
          lastError: 'HTTP 503',
          url: `http://127.0.0.1/admin/monitors/m${i}`,
        },
      };
      return {
        id: `${event.id}:channel:${targetId}`,
        eventId: event.id,
        eventType: event.type,
        targetKind: 'channel',
        targetId,
        event,
        createdAt: created,
        nextAttemptAt: due,
      };
    });
    const enqueueStart = Date.now();
    for (let i = 0; i < rows.length; i += 500) await pharos.store.outbox.enqueue(rows.slice(i, i + 500));
    const enqueueMs = Date.now() - enqueueStart;
    if (Date.now() >= due) throw new Error(`enqueue took ${enqueueMs} ms, longer than the 3 s head start`);
    await sleep(due - Date.now());
    const cpu0 = process.cpuUsage();
    const deadline = due + 180_000;
    let got = { count: 0, firstAt: null, lastAt: null };
    while (Date.now() < deadline) {
      got = await receiverCount(receiver, from);
      if (got.count >= ROWS) break;
      await sleep(100);
    }
    const cpu1 = process.cpuUsage(cpu0);
    const done = got.count >= ROWS;
    const spanMs = (got.lastAt ?? Date.now()) - due;
    return {
      store: storageUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres',
      rows: ROWS,
      channels: TP_CHANNELS,
      enqueue_ms: enqueueMs,
      enqueue_rows_per_second: Math.round(ROWS / (enqueueMs / 1000)),
      delivered: got.count,
      all_delivered: done,
      first_delivery_ms_after_due: got.firstAt === null ? null : got.firstAt - due,
      seconds_until_last: +(spanMs / 1000).toFixed(2),
      deliveries_per_second: +(got.count / (spanMs / 1000)).toFixed(0),
      steady_deliveries_per_second:
        got.count > 1 ? +((got.count - 1) / ((got.lastAt - got.firstAt) / 1000)).toFixed(0) : null,
      pharos_process_cpu_percent_of_one_core: +(((cpu1.user + cpu1.system) / 1000 / spanMs) * 100).toFixed(0),
      worker_counts: { ...pharos.notifications.worker.counts },
    };
  } finally {
    await pharos.close();
  }
}

const target = await forkServer('./target-server.mjs');
const receiver = await forkServer('./receiver-server.mjs');
const figures = {
  monitors: MONITORS,
  components: COMPONENTS,
  channels: CHANNELS,
  duration_s: DURATION_MS / 1000,
  cores: cpus().length,
  load_average_1m_at_start: +loadavg()[0].toFixed(1),
};
try {
  if (!values['skip-outage']) Object.assign(figures, await outage(target, receiver));
  if (!values['skip-throughput']) {
    const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-notify-tp-'));
    try {
      figures.throughput_sqlite = await throughput(receiver, `sqlite:${join(dir, 'throughput.db')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    if (values.postgres) {
      const db = await freshPostgres(values.postgres);
      try {
        figures.throughput_postgres = await throughput(receiver, db.url);
      } finally {
        await db.drop();
      }
    }
  }
} finally {
  target.child.kill();
  receiver.child.kill();
}

figures.load_average_1m_at_end = +loadavg()[0].toFixed(1);
console.log(JSON.stringify(figures));
const lines = [];
for (const [name, p] of [
  ['outage', figures.down],
  ['recovery', figures.recovery],
]) {
  if (!p) continue;
  const type = name === 'outage' ? 'monitor.down' : 'monitor.up';
  lines.push(
    `${name}: first message ${p.first_message_ms_after_t0} ms after the flip (${p.first_message_ms_after_first_status_change} ms after the first status change at +${p.first_status_change_ms_after_t0} ms; last change at +${p.last_status_change_ms_after_t0} ms)`,
    `  ${p.messages} messages (${p.digests} digests) carrying ${p.events_announced} events (${p.events_listed} listed); ${p.outbox_rows_created} outbox rows, ${p.outbox_pending_at_end} pending at the end`,
    `  last of the ${MONITORS} ${type} rows sent: ${p[`last_${type}_row_sent_ms_after_t0`]} ms after the flip; listed at the receiver: ${p[`monitors_listed_in_${type}_at_receiver_hook0`]}`,
  );
}
for (const t of [figures.throughput_sqlite, figures.throughput_postgres]) {
  if (!t) continue;
  lines.push(
    `throughput (${t.store}, ${t.channels} channel): ${t.delivered}/${t.rows} delivered in ${t.seconds_until_last} s → ${t.deliveries_per_second}/s (steady ${t.steady_deliveries_per_second}/s); enqueue ${t.enqueue_rows_per_second} rows/s`,
  );
}
console.log(lines.join('\n'));
process.exit(0);
