import { sql } from 'kysely';
import type { Incident } from '../domain/incident.ts';
import type { MonitorState, StatusChange } from '../domain/monitor-state.ts';
import type { AdminStore } from './admin-store.ts';
import { KyselyAdminStore } from './admin/kysely-admin-store.ts';
import { commitBatch } from './commit-batch.ts';
import { listComponents, listMonitors } from './config-queries.ts';
import { syncConfig } from './config-sync.ts';
import { getIncident, listIncidents, loadOpenIncidents } from './incident-queries.ts';
import { createMigrator } from './migrations/index.ts';
import { MonitorKeys } from './monitor-keys.ts';
import { KyselyLeaseStore } from './leases/kysely-lease-store.ts';
import type { LeaseStore } from './leases/lease-store.ts';
import { KyselySharedStateStore } from './shared/kysely-shared-state-store.ts';
import type { SharedStateStore } from './shared/shared-state-store.ts';
import { KyselyOutboxStore } from './outbox/kysely-outbox-store.ts';
import type { OutboxStore } from './outbox-store.ts';
import { prune } from './prune.ts';
import {
  listAllStatusChanges,
  listResults,
  listStatusChanges,
  lastStatusChangeId,
  listStatusChangesRecordedAfter,
} from './result-queries.ts';
import { listRollups, uptime } from './rollup-queries.ts';
import { loadComponentStatuses, loadMonitorStates } from './state-queries.ts';
import { KyselySubscriberStore } from './subscribers/kysely-subscriber-store.ts';
import type { SubscriberStore } from './subscribers/subscriber-store.ts';
import type { StoreContext } from './store-context.ts';
import type {
  ComponentStatusRow,
  ConfigSyncInput,
  ConfigSyncOutcome,
  RecordedResult,
  RecordedStatusChange,
  ResultBatch,
  Rollup,
  RollupGranularity,
  Store,
  StoredComponent,
  StoredMonitor,
  UptimeFigures,
} from './store.ts';

/** The Store over Kysely, for SQLite and PostgreSQL alike; each method delegates to its concern's module. */
export class KyselyStore implements Store {
  readonly dialect: Store['dialect'];
  readonly admin: AdminStore;
  readonly outbox: OutboxStore;
  readonly subscribers: SubscriberStore;
  readonly leases: LeaseStore;
  readonly shared: SharedStateStore;
  private readonly monitorKeys: MonitorKeys;
  private readonly migrator;

  /** `afterClose`: what the connection's opener runs once it is closed (SQLite's checkpoint thread) */
  constructor(
    private readonly ctx: StoreContext,
    private readonly extras: { afterClose?: () => Promise<void> } = {},
  ) {
    this.dialect = ctx.dialect;
    this.monitorKeys = new MonitorKeys(ctx.dialect);
    this.migrator = createMigrator(ctx.db, ctx.dialect);
    this.admin = new KyselyAdminStore(ctx);
    this.outbox = new KyselyOutboxStore(ctx);
    this.subscribers = new KyselySubscriberStore(ctx);
    this.leases = new KyselyLeaseStore(ctx);
    this.shared = new KyselySharedStateStore(ctx);
  }

  async migrate(): Promise<void> {
    const { error, results = [] } = await this.migrator.migrateToLatest();
    for (const r of results) {
      if (r.status === 'Success') this.ctx.logger.info({ migration: r.migrationName }, 'migration applied');
      else if (r.status === 'Error') this.ctx.logger.error({ migration: r.migrationName }, 'migration failed');
    }
    if (error) throw error;
  }

  async pendingMigrations(): Promise<number> {
    return (await this.migrator.getMigrations()).filter((m) => m.executedAt === undefined).length;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.ctx.db);
  }

  async close(): Promise<void> {
    await this.ctx.db.destroy();
    await this.extras.afterClose?.();
  }

  syncConfig(input: ConfigSyncInput, now: number): Promise<ConfigSyncOutcome> {
    return syncConfig(this.ctx, input, now);
  }

  listMonitors(opts?: { includeArchived?: boolean }): Promise<StoredMonitor[]> {
    return listMonitors(this.ctx, opts);
  }

  listComponents(opts?: { includeArchived?: boolean }): Promise<StoredComponent[]> {
    return listComponents(this.ctx, opts);
  }

  loadMonitorStates(): Promise<MonitorState[]> {
    return loadMonitorStates(this.ctx);
  }

  loadComponentStatuses(): Promise<ComponentStatusRow[]> {
    return loadComponentStatuses(this.ctx);
  }

  loadOpenIncidents(): Promise<Incident[]> {
    return loadOpenIncidents(this.ctx);
  }

  listIncidents(opts: { limit: number; before?: number }): Promise<Incident[]> {
    return listIncidents(this.ctx, opts);
  }

  getIncident(id: string): Promise<Incident | undefined> {
    return getIncident(this.ctx, id);
  }

  commitBatch(batch: ResultBatch): Promise<void> {
    return commitBatch(this.ctx, this.monitorKeys, batch);
  }

  listResults(monitorId: string, opts: { from: number; to: number; limit: number }): Promise<RecordedResult[]> {
    return listResults(this.ctx, this.monitorKeys, monitorId, opts);
  }

  listStatusChanges(monitorId: string, opts: { from: number; to: number }): Promise<StatusChange[]> {
    return listStatusChanges(this.ctx, this.monitorKeys, monitorId, opts);
  }

  listAllStatusChanges(opts: { from: number; to: number }): Promise<RecordedStatusChange[]> {
    return listAllStatusChanges(this.ctx, opts);
  }

  listStatusChangesRecordedAfter(opts: {
    afterId: number;
    from: number;
    limit: number;
  }): Promise<RecordedStatusChange[]> {
    return listStatusChangesRecordedAfter(this.ctx, opts);
  }

  lastStatusChangeId(): Promise<number> {
    return lastStatusChangeId(this.ctx);
  }

  listRollups(
    monitorIds: string[],
    granularity: RollupGranularity,
    opts: { from: number; to: number },
  ): Promise<Rollup[]> {
    return listRollups(this.ctx, monitorIds, granularity, opts);
  }

  uptime(monitorId: string, opts: { from: number; to: number }): Promise<UptimeFigures> {
    return uptime(this.ctx, this.monitorKeys, monitorId, opts);
  }

  prune(now: number, opts: { rawMs: number; rollupMs: number }): Promise<{ results: number; rollups: number }> {
    return prune(this.ctx, now, opts);
  }
}
