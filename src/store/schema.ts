import type { Generated } from 'kysely';
import type { ComponentStatus, IncidentImpact, IncidentStatus, MonitorStatus } from '../domain/statuses.ts';
import type { RollupGranularity, Store } from './store.ts';

export type StoreDialect = Store['dialect'];

/** Who owns a monitor or component row: the config file (synced at start) or the admin API. */
export const MANAGED_BY = ['config', 'api'] as const;
export type ManagedBy = (typeof MANAGED_BY)[number];

export const ROLLUP_GRANULARITIES = ['hour', 'day'] as const satisfies readonly RollupGranularity[];

export const INCIDENT_SOURCES = ['auto', 'manual'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/**
 * The tables as Kysely sees them. Timestamps are ms since epoch in bigint columns (read back as numbers:
 * the PostgreSQL pool parses int8 as Number). Monitors get a small integer `key` so that the hot tables
 * (results, rollups) store an integer instead of the text id.
 */
export interface Database {
  monitors: MonitorsTable;
  components: ComponentsTable;
  results: ResultsTable;
  rollups: RollupsTable;
  monitor_states: MonitorStatesTable;
  status_changes: StatusChangesTable;
  component_statuses: ComponentStatusesTable;
  incidents: IncidentsTable;
  incident_components: IncidentComponentsTable;
  incident_updates: IncidentUpdatesTable;
}

export interface MonitorsTable {
  key: Generated<number>;
  id: string;
  /** the MonitorConfig as JSON text */
  config: string;
  managed_by: ManagedBy;
  position: number;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ComponentsTable {
  id: string;
  /** the ComponentConfig as JSON text */
  config: string;
  managed_by: ManagedBy;
  position: number;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ResultsTable {
  monitor_key: number;
  started_at: number;
  latency_ms: number;
  status_code: number | null;
  /** see result-row.ts: bit0 ok, bit1 degraded, bit2 maintenance */
  flags: number;
  error: string | null;
}

export interface RollupsTable {
  monitor_key: number;
  granularity: RollupGranularity;
  bucket_start: number;
  checks: number;
  failures: number;
  degraded: number;
  maintenance: number;
  /** checks counted in the latency figures: passing ones outside maintenance */
  latency_count: number;
  latency_sum: number;
  latency_min: number | null;
  latency_max: number | null;
  /** latency-histogram.ts encoding */
  latency_histogram: Uint8Array;
}

export interface MonitorStatesTable {
  monitor_key: number;
  status: MonitorStatus;
  consecutive_failures: number;
  consecutive_passes: number;
  consecutive_degraded: number;
  consecutive_clean: number;
  last_check_at: number | null;
  status_since: number | null;
  last_error: string | null;
  last_latency_ms: number | null;
}

export interface StatusChangesTable {
  id: Generated<number>;
  monitor_key: number;
  at: number;
  from_status: MonitorStatus;
  to_status: MonitorStatus;
  reason: string | null;
}

export interface ComponentStatusesTable {
  component_id: string;
  status: ComponentStatus;
  since: number;
}

export interface IncidentsTable {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  source: IncidentSource;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
}

export interface IncidentComponentsTable {
  incident_id: string;
  component_id: string;
  /** order in Incident.componentIds */
  position: number;
}

export interface IncidentUpdatesTable {
  id: string;
  incident_id: string;
  /** index in Incident.updates when first stored; breaks ties between updates of the same millisecond */
  position: number;
  status: IncidentStatus;
  body: string;
  created_at: number;
  /** IncidentUpdate.affectedComponents as JSON text */
  affected_components: string;
}
