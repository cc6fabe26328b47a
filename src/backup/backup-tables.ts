import type { Database } from '../store/schema.ts';

export type TableName = keyof Database;

/** How a backup reads and writes one table: keyset paging by its primary key, the columns that need care. */
export interface BackupTableSpec {
  /** primary key columns: rows are read in this order, a page at a time */
  primaryKey: readonly string[];
  /** a generated identity column (PostgreSQL's sequence is moved past the restored rows) */
  identity?: string;
  /** binary columns: base64 in the JSON-lines format */
  binary?: readonly string[];
}

/**
 * Every table of the store, in dependency order (a table comes after the ones its foreign keys point to),
 * which is the order a backup writes and a restore inserts. A `Record` over the schema's tables: a table
 * added to schema.ts and missing here is a compile error, so a backup can never silently leave one out.
 */
const SPECS: Record<TableName, BackupTableSpec> = {
  monitors: { primaryKey: ['key'], identity: 'key' },
  components: { primaryKey: ['id'] },
  catalog_objects: { primaryKey: ['kind', 'id'] },
  users: { primaryKey: ['id'] },
  sessions: { primaryKey: ['id_hash'] },
  api_tokens: { primaryKey: ['id'] },
  setup_tokens: { primaryKey: ['token_hash'] },
  sign_in_limits: { primaryKey: ['subject', 'client'] },
  monitor_states: { primaryKey: ['monitor_key'] },
  results: { primaryKey: ['monitor_key', 'started_at'] },
  rollups: { primaryKey: ['monitor_key', 'granularity', 'bucket_start'], binary: ['latency_histogram'] },
  status_changes: { primaryKey: ['id'], identity: 'id' },
  component_statuses: { primaryKey: ['component_id'] },
  incidents: { primaryKey: ['id'] },
  incident_components: { primaryKey: ['incident_id', 'component_id'] },
  incident_updates: { primaryKey: ['id'] },
  audit_log: { primaryKey: ['id'], identity: 'id' },
  component_overrides: { primaryKey: ['component_id'] },
  subscribers: { primaryKey: ['id'] },
  outbox: { primaryKey: ['id'] },
  settings: { primaryKey: ['key'] },
  // who checks what: restored leases are long expired, so restoring them is harmless
  workers: { primaryKey: ['id'] },
  leases: { primaryKey: ['unit'] },
  // shared state of the replicas: limits per client, last pushes, notices already queued
  throttle_hits: { primaryKey: ['id'], identity: 'id' },
  push_receipts: { primaryKey: ['monitor_id'] },
  notice_marks: { primaryKey: ['monitor_id', 'notice'] },
};

/** The tables in dependency order. */
export const BACKUP_TABLES = Object.keys(SPECS) as TableName[];

export function tableSpec(table: TableName): BackupTableSpec {
  return SPECS[table];
}

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(SPECS, name);
}
