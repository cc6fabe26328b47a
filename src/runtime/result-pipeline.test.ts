import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from '../config/schema.ts';
import type { CheckResult } from '../domain/check-result.ts';
import type { Catalog } from './catalog.ts';
import { NotificationRouter } from './notification-router.ts';
import { PendingBatch } from './pending-batch.ts';
import { ResultPipeline } from './result-pipeline.ts';
import { StatusBoard } from './status-board.ts';

const T0 = Date.UTC(2026, 0, 5, 12);
const iso = (ms: number) => new Date(ms).toISOString();

/** api has two monitors and automatic incidents; db one monitor, none, and a maintenance window from T0+10s to T0+20s. */
function catalog(): Catalog {
  const config = configSchema.parse({
    components: [
      { id: 'api', name: 'API', monitors: ['api-check', 'api-ping'] },
      { id: 'db', name: 'Database', monitors: ['db-check'], auto_incident: false },
    ],
    monitors: ['api-check', 'api-ping', 'db-check'].map((id) => ({
      id,
      type: 'tcp',
      host: '127.0.0.1',
      port: 1,
      failure_threshold: 1,
    })),
    maintenances: [
      { id: 'upgrade', title: 'Upgrade', start: iso(T0 + 10_000), end: iso(T0 + 20_000), components: ['db'] },
    ],
  });
  const stored = { managedBy: 'config' as const, createdAt: T0, archivedAt: null };
  return {
    monitors: config.monitors.map((m) => ({ id: m.id, config: m, ...stored })),
    components: config.components.map((c, position) => ({ id: c.id, config: c, position, ...stored })),
    groups: [],
    pages: [],
    maintenances: [...config.maintenances],
    overrides: [],
    channels: [],
    subscribers: [],
  };
}

/**
 * A step: `<monitor> <P|F|D>` (a pass, a failure, a degraded pass), prefixed `o` while the canaries say Pharos is
 * offline; or `refresh` (the one-second timer). Step i runs at the row's start + i * 1000.
 */
type Step = `${string} ${'P' | 'F' | 'D' | 'oF' | 'oP'}` | 'refresh';

interface Row {
  name: string;
  /** ms after T0 the first step runs at (default 0) */
  start?: number;
  steps: Step[];
  /** what the board says afterwards */
  monitors: Record<string, string>;
  components: Record<string, string>;
  /** open incidents on the board: `name (status)` */
  open: string[];
  /** the staged batch */
  batch: {
    results: string[];
    changes: string[];
    componentStatuses: string[];
    incidents: string[];
    events: string[];
    notifications: string[];
  };
}

const rows: Row[] = [
  {
    name: 'a pass: the result and state are staged, the monitor is up, the component stays operational',
    steps: ['api-check P'],
    monitors: { 'api-check': 'up', 'api-ping': 'unknown' },
    components: { api: 'operational' },
    open: [],
    batch: {
      results: ['api-check ok'],
      changes: ['api-check unknown>up'],
      componentStatuses: [],
      incidents: [],
      events: ['monitor.status'],
      notifications: [],
    },
  },
  {
    name: 'one of two monitors fails: partial outage, an automatic incident opened, staged and notified',
    steps: ['api-check P', 'api-ping P', 'api-check F'],
    monitors: { 'api-check': 'down', 'api-ping': 'up' },
    components: { api: 'partial_outage' },
    open: ['API has a partial outage (investigating)'],
    batch: {
      results: ['api-check ok', 'api-ping ok', 'api-check failed'],
      changes: ['api-check unknown>up', 'api-ping unknown>up', 'api-check up>down'],
      componentStatuses: ['api partial_outage'],
      incidents: ['auto investigating'],
      events: [
        'monitor.status',
        'monitor.status',
        'monitor.status',
        'component.status',
        'notifications.queued',
        'incident.changed',
        'notifications.queued',
      ],
      notifications: ['incident.created', 'monitor.down'],
    },
  },
  {
    name: 'both fail then both recover: the component is operational again and the incident resolved (its latest version staged)',
    steps: ['api-check P', 'api-ping P', 'api-check F', 'api-ping F', 'api-check P', 'api-ping P'],
    monitors: { 'api-check': 'up', 'api-ping': 'up' },
    components: { api: 'operational' },
    open: [],
    batch: {
      results: ['api-check ok', 'api-ping ok', 'api-check failed', 'api-ping failed', 'api-check ok', 'api-ping ok'],
      changes: [
        'api-check unknown>up',
        'api-ping unknown>up',
        'api-check up>down',
        'api-ping up>down',
        'api-check down>up',
        'api-ping down>up',
      ],
      componentStatuses: ['api operational'],
      incidents: ['auto resolved'],
      events: [
        ...['monitor.status', 'monitor.status'],
        ...['monitor.status', 'component.status', 'notifications.queued', 'incident.changed', 'notifications.queued'],
        ...['monitor.status', 'component.status', 'notifications.queued', 'incident.changed', 'notifications.queued'],
        ...['monitor.status', 'component.status', 'notifications.queued', 'incident.changed', 'notifications.queued'],
        ...['monitor.status', 'component.status', 'notifications.queued', 'incident.changed', 'notifications.queued'],
      ],
      notifications: [
        'incident.created',
        'monitor.down',
        'incident.updated',
        'monitor.down',
        'incident.updated',
        'monitor.up',
        'incident.resolved',
        'monitor.up',
      ],
    },
  },
  {
    name: 'a component without automatic incidents: the outage is shown, no incident',
    steps: ['db-check F'],
    monitors: { 'db-check': 'down' },
    components: { db: 'major_outage' },
    open: [],
    batch: {
      results: ['db-check failed'],
      changes: ['db-check unknown>down'],
      componentStatuses: ['db major_outage'],
      incidents: [],
      events: ['monitor.status', 'component.status', 'notifications.queued'],
      notifications: ['monitor.down'],
    },
  },
  {
    name: 'inside a maintenance window: the result is marked, the monitor in maintenance, the component under maintenance, nobody notified',
    start: 15_000,
    steps: ['db-check F'],
    monitors: { 'db-check': 'maintenance' },
    components: { db: 'under_maintenance' },
    open: [],
    batch: {
      results: ['db-check failed maintenance'],
      changes: ['db-check unknown>maintenance'],
      componentStatuses: ['db under_maintenance'],
      incidents: [],
      events: ['monitor.status', 'component.status'],
      notifications: [],
    },
  },
  {
    name: 'the timer opens a maintenance window on time, without a result',
    start: 9_000,
    steps: ['db-check P', 'refresh'],
    monitors: { 'db-check': 'up' },
    components: { db: 'under_maintenance' },
    open: [],
    batch: {
      results: ['db-check ok'],
      changes: ['db-check unknown>up'],
      componentStatuses: ['db under_maintenance'],
      incidents: [],
      events: ['monitor.status', 'component.status'],
      notifications: [],
    },
  },
  {
    name: 'while Pharos is offline a failure is recorded but changes nothing',
    steps: ['api-check P', 'api-check oF', 'api-check oF'],
    monitors: { 'api-check': 'up' },
    components: { api: 'operational' },
    open: [],
    batch: {
      results: ['api-check ok', 'api-check failed', 'api-check failed'],
      changes: ['api-check unknown>up'],
      componentStatuses: [],
      incidents: [],
      events: ['monitor.status'],
      notifications: [],
    },
  },
  {
    name: 'a result for a monitor no longer on the board is dropped',
    steps: ['gone F'],
    monitors: {},
    components: { api: 'operational', db: 'operational' },
    open: [],
    batch: { results: [], changes: [], componentStatuses: [], incidents: [], events: [], notifications: [] },
  },
];

function run(row: Row): { board: StatusBoard; batch: PendingBatch } {
  let now = T0 + (row.start ?? 0);
  let offline = false;
  const board = new StatusBoard();
  board.applyCatalog(catalog(), now);
  const batch = new PendingBatch();
  const writer = { stage: (change: (b: PendingBatch) => void) => change(batch) };
  const notify = new NotificationRouter(
    board,
    { pageUrl: 'http://status.test', adminUrl: 'http://status.test/admin' },
    (rows) =>
      writer.stage((b) => {
        b.notifications.push(...rows);
        b.events.push({ type: 'notifications.queued', count: rows.length, at: now });
      }),
  );
  notify.setTargets([{ id: 'everything' }], []);
  const pipeline = new ResultPipeline({ board, writer, now: () => now, isOffline: () => offline, notify });
  for (const step of row.steps) {
    if (step === 'refresh') pipeline.refreshAllComponents();
    else {
      const [monitorId, outcome] = step.split(' ') as [string, string];
      offline = outcome.startsWith('o');
      const ok = outcome.endsWith('P') || outcome === 'D';
      const result: CheckResult = {
        monitorId,
        startedAt: now - 5,
        latencyMs: 12.4,
        ok,
        degraded: outcome === 'D',
        error: ok ? undefined : 'refused',
      };
      pipeline.record(result);
    }
    now += 1000;
  }
  return { board, batch };
}

for (const row of rows) {
  test(`pipeline: ${row.name}`, () => {
    const { board, batch } = run(row);
    assert.deepEqual(
      Object.fromEntries(Object.keys(row.monitors).map((id) => [id, board.stateOf(id).status])),
      row.monitors,
      'monitor statuses on the board',
    );
    assert.deepEqual(
      Object.fromEntries([...board.components].filter(([id]) => id in row.components).map(([id, c]) => [id, c.status])),
      row.components,
      'component statuses on the board',
    );
    assert.deepEqual(
      [...board.openIncidents.values()].map((i) => `${i.name} (${i.status})`),
      row.open,
      'open incidents on the board',
    );
    const staged = {
      results: batch.results.map(
        (r) => `${r.monitorId} ${r.ok ? 'ok' : 'failed'}${r.maintenance ? ' maintenance' : ''}`,
      ),
      changes: batch.statusChanges.map((c) => `${c.monitorId} ${c.from}>${c.to}`),
      componentStatuses: [...batch.componentStatuses.values()].map((c) => `${c.componentId} ${c.status}`),
      incidents: [...batch.incidents.values()].map((i) => `${i.source} ${i.status}`),
      events: batch.events.map((e) => e.type),
      notifications: batch.notifications.map((n) => n.eventType),
    };
    assert.deepEqual(staged, row.batch, 'the staged batch');
    // the board and the batch agree: the staged state of each monitor is the board's
    for (const [id, state] of batch.states) assert.deepEqual(state, board.stateOf(id));
  });
}
