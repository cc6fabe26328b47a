import type { Generated } from 'kysely';
import type { Role } from '../domain/access.ts';
import type { ComponentStatus, IncidentImpact, IncidentStatus, MonitorStatus } from '../domain/statuses.ts';
import type { ActorType, CatalogKind, SubscriberKind } from './admin-store.ts';
import type { OutboxState, OutboxTargetKind } from './outbox-store.ts';
import type { RollupGranularity, Store } from './store.ts';

export type StoreDialect = Store['dialect'];

/** Who owns a monitor or component row: the config file (synced at start) or the admin API. */
export const MANAGED_BY = ['config', 'api'] as const;
export type ManagedBy = (typeof MANAGED_BY)[number];

export const ROLLUP_GRANULARITIES = ['hour', 'day'] as const satisfies readonly RollupGranularity[];

export const INCIDENT_SOURCES = ['auto', 'manual'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** The catalog kinds kept in catalog_objects; monitors and components have tables of their own. */
export const OBJECT_CATALOG_KINDS = [
  'group',
  'page',
  'maintenance',
  'channel',
] as const satisfies readonly CatalogKind[];
export type ObjectCatalogKind = (typeof OBJECT_CATALOG_KINDS)[number];

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
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  sign_in_limits: SignInLimitsTable;
  audit_log: AuditLogTable;
  catalog_objects: CatalogObjectsTable;
  component_overrides: ComponentOverridesTable;
  subscribers: SubscribersTable;
  outbox: OutboxTable;
  settings: SettingsTable;
  workers: WorkersTable;
  leases: LeasesTable;
  throttle_hits: ThrottleHitsTable;
  push_receipts: PushReceiptsTable;
  notice_marks: NoticeMarksTable;
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
  /** set together with postmortem_published_at, or both null */
  postmortem_body: string | null;
  postmortem_published_at: number | null;
  /** who took an automatic incident over (the engine leaves it alone then) */
  taken_over_by: string | null;
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

/** Booleans are 0/1 integers in both dialects (SQLite has no boolean type). */
export type Flag = 0 | 1;

export interface UsersTable {
  id: string;
  /** lower-cased, unique */
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Flag;
  /** JSON array of SHA-256 hex strings */
  recovery_code_hashes: string;
  /** unused since 0009-auth-hardening (sign_in_limits counts failures); kept so that old backups restore */
  failed_logins: Generated<number>;
  locked_until: number | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: number;
  updated_at: number;
  password_changed_at: number | null;
  last_login_at: number | null;
  /** the last TOTP step accepted (a code for it or an earlier step is a replay) */
  totp_last_step: number | null;
  /** bumped by every password change; sessions made under an older one authenticate nothing */
  credential_version: Generated<number>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_pending: Flag;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
  /** the user's credential_version when the session was made */
  credential_version: Generated<number>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  /** token-scopes.ts encoding: the scopes in TOKEN_SCOPES order, space-separated */
  scopes: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
}

export interface SetupTokensTable {
  token_hash: string;
  expires_at: number;
  used_at: number | null;
}

/** Failed sign-ins per subject and client (migration 0009-auth-hardening says what the keys are). */
export interface SignInLimitsTable {
  subject: string;
  /** an IP address; '' for the row that counts every client */
  client: string;
  failures: number;
  locked_until: number | null;
  last_failure_at: number | null;
  last_success_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  /** JSON text, null when there is no value */
  before_value: string | null;
  after_value: string | null;
  ip: string | null;
}

export interface CatalogObjectsTable {
  kind: ObjectCatalogKind;
  id: string;
  /** the validated config object as JSON text */
  config: string;
  managed_by: ManagedBy;
  position: number;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ComponentOverridesTable {
  component_id: string;
  status: ComponentStatus;
  note: string | null;
  set_at: number;
  set_by: string | null;
}

export interface SubscribersTable {
  id: string;
  kind: SubscriberKind;
  target: string;
  /** JSON array of component ids; empty: every component */
  component_ids: string;
  confirmed_at: number | null;
  created_at: number;
  /** SHA-256 hex of the confirmation link's token (0006) */
  confirm_token_hash: Generated<string | null>;
  confirm_expires_at: Generated<number | null>;
  last_mail_at: Generated<number | null>;
  /** sign-up attempts since attempts_since (the per-address limit) */
  attempts: Generated<number>;
  attempts_since: Generated<number | null>;
  /** the page subscribed through: its slug, '' for the page served at / (0008) */
  page_slug: Generated<string>;
  /** fingerprint of the private page's access settings at sign-up; null: the page was public (0008) */
  page_access: Generated<string | null>;
}

export interface OutboxTable {
  /** `${event_id}:${target_kind}:${target_id}` */
  id: string;
  event_id: string;
  event_type: string;
  target_kind: OutboxTargetKind;
  target_id: string;
  /** the NotificationEvent as JSON text */
  event: string;
  state: OutboxState;
  /** claims so far (a release gives one back) */
  attempts: number;
  next_attempt_at: number;
  /** the sender holding (or last holding) the lease */
  claimed_by: string | null;
  claimed_until: number | null;
  sent_at: number | null;
  last_error: string | null;
  last_status: number | null;
  last_body: string | null;
  created_at: number;
  updated_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  created_at: number;
}

/** One row per worker process: its heartbeat says it is alive (see src/scheduler/leases/). */
export interface WorkersTable {
  id: string;
  started_at: number;
  heartbeat_at: number;
}

/** Who checks a lease unit (`c:<component id>` or `m:<monitor id>`) until when; expires_at 0 = released. */
export interface LeasesTable {
  unit: string;
  owner: string;
  expires_at: number;
  acquired_at: number;
}

/** One counted attempt of a sliding-window limit (src/store/shared/shared-state-store.ts). */
export interface ThrottleHitsTable {
  id: Generated<number>;
  scope: string;
  key: string;
  at: number;
}

/** The last push a push monitor received. */
export interface PushReceiptsTable {
  monitor_id: string;
  received_at: number;
  status: 'up' | 'down';
  msg: string | null;
  ping_ms: number | null;
}

/** What was already queued for a monitor: `reminder:<channel>:<outage start>` → N, `cert:<expiry>:<days>` → 1. */
export interface NoticeMarksTable {
  monitor_id: string;
  notice: string;
  value: number;
  expires_at: number;
}
