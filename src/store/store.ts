import type { ComponentConfig } from '../config/schema.ts';
import type { MonitorConfig } from '../config/monitor-schema.ts';
import type { Incident } from '../domain/incident.ts';
import type { MonitorState, StatusChange } from '../domain/monitor-state.ts';
import type { ComponentStatus } from '../domain/statuses.ts';
import type { NewOutboxRow, OutboxStore } from './outbox-store.ts';
import type { AdminStore, CatalogKind } from './admin-store.ts';
import type { ObjectCatalogKind } from './schema.ts';
import type { LeaseStore } from './leases/lease-store.ts';
import type { NoticeMark, SharedStateStore } from './shared/shared-state-store.ts';
import type { SubscriberStore } from './subscribers/subscriber-store.ts';

/** A status change as stored: its id grows in the order changes are recorded. */
export interface RecordedStatusChange extends StatusChange {
  id: number;
}

/** One check result as stored: small on purpose (see bench/checks for bytes per row). */
export interface RecordedResult {
  monitorId: string;
  /** ms since epoch */
  startedAt: number;
  latencyMs: number;
  ok: boolean;
  degraded: boolean;
  /** taken during a maintenance window: stored, but counted neither as up nor as down */
  maintenance: boolean;
  statusCode: number | null;
  /** null when ok */
  error: string | null;
}

export interface ComponentStatusRow {
  componentId: string;
  status: ComponentStatus;
  /** ms since epoch */
  since: number;
}

/** Everything one flush writes, in one transaction. */
export interface ResultBatch {
  results: RecordedResult[];
  states: MonitorState[];
  statusChanges: StatusChange[];
  /** incidents created or changed since the last flush, each with all its updates (already stored updates are skipped by id) */
  incidents: Incident[];
  componentStatuses: ComponentStatusRow[];
  /** notification outbox rows caused by these changes (written in the same transaction) */
  notifications?: NewOutboxRow[];
  /** what these notifications stand for per monitor (the Nth reminder, a certificate warning), kept across restarts */
  noticeMarks?: NoticeMark[];
}

export type RollupGranularity = 'hour' | 'day';

export interface Rollup {
  monitorId: string;
  granularity: RollupGranularity;
  /** bucket start, ms since epoch, UTC hour or UTC day */
  bucketStart: number;
  checks: number;
  failures: number;
  degraded: number;
  maintenance: number;
  latencyMinMs: number | null;
  latencyAvgMs: number | null;
  latencyMaxMs: number | null;
  latencyP95Ms: number | null;
}

export interface UptimeFigures {
  checks: number;
  failures: number;
  maintenance: number;
  /** (checks - maintenance - failures) / (checks - maintenance), or null when nothing counted */
  uptime: number | null;
}

export interface StoredMonitor {
  id: string;
  config: MonitorConfig;
  managedBy: 'config' | 'api';
  /** ms since epoch when first stored */
  createdAt: number;
  archivedAt: number | null;
}

/** What the config file defines, for syncConfig. */
export interface ConfigSyncInput {
  monitors: MonitorConfig[];
  components: ComponentConfig[];
  /** other catalog kinds the config defines (each validated object has an id), in config order */
  catalog?: { kind: ObjectCatalogKind; objects: { id: string }[] }[];
}

export interface ConfigSyncOutcome {
  archivedMonitors: string[];
  archivedComponents: string[];
  /**
   * Present when the input had `catalog` (so the result of an older caller keeps its shape): the ids this
   * sync archived, per kind it synced (monitor and component included).
   */
  archived?: Partial<Record<CatalogKind, string[]>>;
}

export interface StoredComponent {
  id: string;
  config: ComponentConfig;
  /** order in the config */
  position: number;
  managedBy: 'config' | 'api';
  /** ms since epoch when first stored */
  createdAt: number;
  archivedAt: number | null;
}

/**
 * The persistence boundary. One implementation over Kysely serves SQLite and PostgreSQL;
 * test/store/contract-*.test.ts run every case against both.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Apply pending migrations. */
  migrate(): Promise<void>;
  /** Number of migrations not yet applied (0 = current). */
  pendingMigrations(): Promise<number>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** People, sessions, tokens, audit log, catalog objects, manual incidents (src/store/admin-store.ts). */
  readonly admin: AdminStore;
  /** The notification outbox and the installation's settings (src/store/outbox-store.ts). */
  readonly outbox: OutboxStore;
  /** Public sign-up of subscribers: double opt-in, limits, confirmation (src/store/subscribers/subscriber-store.ts). */
  readonly subscribers: SubscriberStore;
  /** Which worker checks which monitors, and which workers are alive (src/store/leases/lease-store.ts). */
  readonly leases: LeaseStore;
  /** Limits per client, last pushes, notices already queued: what every replica must see (src/store/shared/). */
  readonly shared: SharedStateStore;

  /** Upsert config objects; config-managed ones missing from the input are archived (history kept). One transaction. */
  syncConfig(input: ConfigSyncInput, now: number): Promise<ConfigSyncOutcome>;
  listMonitors(opts?: { includeArchived?: boolean }): Promise<StoredMonitor[]>;
  listComponents(opts?: { includeArchived?: boolean }): Promise<StoredComponent[]>;

  loadMonitorStates(): Promise<MonitorState[]>;
  loadComponentStatuses(): Promise<ComponentStatusRow[]>;
  loadOpenIncidents(): Promise<Incident[]>;
  /** Most recent first. */
  listIncidents(opts: { limit: number; before?: number }): Promise<Incident[]>;
  getIncident(id: string): Promise<Incident | undefined>;

  /** One transaction: results (and their rollups), states, status changes, incidents, component statuses. */
  commitBatch(batch: ResultBatch): Promise<void>;

  /** Raw results, most recent first. */
  listResults(monitorId: string, opts: { from: number; to: number; limit: number }): Promise<RecordedResult[]>;
  listStatusChanges(monitorId: string, opts: { from: number; to: number }): Promise<StatusChange[]>;
  /** Status changes of every monitor in [from, to), oldest first (ties in the order recorded). */
  listAllStatusChanges(opts: { from: number; to: number }): Promise<RecordedStatusChange[]>;
  /** Status changes recorded after the one with id `afterId`, at or after `from`, by id, at most `limit`. */
  listStatusChangesRecordedAfter(opts: {
    afterId: number;
    from: number;
    limit: number;
  }): Promise<RecordedStatusChange[]>;
  /** The id of the last status change recorded (0 when there is none). */
  lastStatusChangeId(): Promise<number>;
  /** Rollup rows whose bucket starts in [from, to), oldest first. */
  listRollups(
    monitorIds: string[],
    granularity: RollupGranularity,
    opts: { from: number; to: number },
  ): Promise<Rollup[]>;
  /** Uptime over [from, to) answered from rollups only (daily rollups for whole days, hourly for the edges). */
  uptime(monitorId: string, opts: { from: number; to: number }): Promise<UptimeFigures>;

  /** Delete raw results older than now - rawMs and rollups older than now - rollupMs. */
  prune(now: number, opts: { rawMs: number; rollupMs: number }): Promise<{ results: number; rollups: number }>;
}
