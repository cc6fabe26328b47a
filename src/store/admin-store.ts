import type { Role, TokenScope } from '../domain/access.ts';
import type { Incident } from '../domain/incident.ts';
import type { ComponentStatus } from '../domain/statuses.ts';
import type { NewOutboxRow } from './outbox-store.ts';
import type { ManagedBy } from './schema.ts';

/**
 * The admin side of the store: people, sessions, tokens, the audit log, and the catalog objects that the
 * config file or the admin API define. Implemented once over Kysely for SQLite and PostgreSQL
 * (src/store/admin/), reached as `store.admin`, covered by test/store/contract-admin-*.test.ts.
 *
 * Every write that a person makes runs inside `transaction()` together with its audit entry.
 */
export interface AdminStore {
  /** Run `fn` in one transaction; a nested call joins the open one. Throws roll everything back. */
  transaction<T>(fn: (tx: AdminStore) => Promise<T>): Promise<T>;

  // people
  countUsers(): Promise<number>;
  listUsers(): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** email compared case-insensitively (stored lower-cased) */
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  getUserByOidcSubject(issuer: string, subject: string): Promise<UserRecord | undefined>;
  /** throws DuplicateError when the email is taken */
  createUser(user: UserRecord): Promise<void>;
  updateUser(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<void>;
  /** also removes the user's sessions and tokens */
  deleteUser(id: string): Promise<void>;
  /** a new password hash, and one more credential version (returned): sessions made before authenticate nothing */
  setPassword(id: string, passwordHash: string, now: number): Promise<number>;
  /** record a TOTP step as used; false when it, or a later one, already was (a replay, maybe on another replica) */
  claimTotpStep(id: string, step: number): Promise<boolean>;
  /** swap the unused recovery codes, only when they are still `expected` (so that one code is spent once) */
  replaceRecoveryCodes(id: string, expected: readonly string[], next: readonly string[]): Promise<boolean>;

  // failed sign-ins, per subject and client, shared by every replica (src/auth/account-lockout.ts)
  /** the rows of these subjects for these clients ('' is the every-client row) */
  listSignInLimits(subjects: readonly string[], clients: readonly string[]): Promise<SignInLimitRecord[]>;
  /** one more failure, counted atomically; a count whose last failure is before `forgetBefore` starts again. Returns the count. */
  countSignInFailure(subject: string, client: string, now: number, forgetBefore: number): Promise<number>;
  lockSignIn(subject: string, client: string, lockedUntil: number): Promise<void>;
  /** failures and lock cleared; the client is remembered as one the person signs in from */
  recordSignInSuccess(subject: string, client: string, now: number): Promise<void>;
  /** an admin's unlock: every client's failures and locks of these subjects */
  clearSignInFailures(subjects: readonly string[]): Promise<void>;
  /** rows with no failure since `failuresBefore` and no success since `successesBefore`; returns how many */
  pruneSignInLimits(failuresBefore: number, successesBefore: number): Promise<number>;

  // sessions (the cookie holds a secret; only its SHA-256 is stored)
  createSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | undefined>;
  updateSession(
    idHash: string,
    patch: Partial<Pick<SessionRecord, 'lastSeenAt' | 'expiresAt' | 'mfaPending' | 'csrfToken' | 'credentialVersion'>>,
  ): Promise<void>;
  /** true when this call removed it (a half session is turned into a full one once) */
  deleteSession(idHash: string): Promise<boolean>;
  /** every session of a user, but the one kept (password change keeps the current one) */
  deleteSessionsOfUser(userId: string, keepIdHash?: string): Promise<number>;
  deleteExpiredSessions(now: number): Promise<number>;

  // API tokens (only the SHA-256 of the secret is stored)
  createToken(token: ApiTokenRecord): Promise<void>;
  getTokenByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  getToken(id: string): Promise<ApiTokenRecord | undefined>;
  /** all tokens, or a user's; newest first */
  listTokens(opts?: { userId?: string }): Promise<ApiTokenRecord[]>;
  touchToken(id: string, now: number): Promise<void>;
  deleteToken(id: string): Promise<void>;

  // one-time setup links, for creating the first owner without the CLI
  createSetupToken(tokenHash: string, expiresAt: number): Promise<void>;
  /** true once: marks it used when it exists, is unused and not expired */
  consumeSetupToken(tokenHash: string, now: number): Promise<boolean>;

  // audit log (append-only)
  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** newest first; `before` is an id for paging */
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;

  // catalog: monitors, components, groups, pages, maintenances, notification channels
  listCatalog<K extends CatalogKind>(kind: K, opts?: { includeArchived?: boolean }): Promise<CatalogObject[]>;
  getCatalog(kind: CatalogKind, id: string, opts?: { includeArchived?: boolean }): Promise<CatalogObject | undefined>;
  /** insert or replace (an archived one comes back); `createdAt` is kept when it exists */
  putCatalog(
    kind: CatalogKind,
    object: { id: string; config: unknown; managedBy: ManagedBy; position: number },
    now: number,
  ): Promise<void>;
  /** archived, not deleted: results and incidents keep their history */
  archiveCatalog(kind: CatalogKind, id: string, now: number): Promise<void>;

  // components' manual status (wins over monitors until cleared)
  listComponentOverrides(): Promise<ComponentOverride[]>;
  setComponentOverride(override: ComponentOverride): Promise<void>;
  clearComponentOverride(componentId: string): Promise<void>;

  // incidents written by people (and automatic ones they took over)
  /** the same as Store.getIncident, inside this transaction */
  getIncident(id: string): Promise<Incident | undefined>;
  /** insert or fully replace: incident row, its components, its updates (updates not in the list are deleted) */
  saveIncident(incident: Incident): Promise<void>;
  deleteIncident(id: string): Promise<void>;

  /** notification outbox rows, in this transaction (see OutboxStore.enqueue) */
  enqueueNotifications(rows: readonly NewOutboxRow[]): Promise<number>;

  // public subscribers (the notifications issue adds confirmation and delivery)
  listSubscribers(): Promise<SubscriberRecord[]>;
  getSubscriber(id: string): Promise<SubscriberRecord | undefined>;
  createSubscriber(subscriber: SubscriberRecord): Promise<void>;
  deleteSubscriber(id: string): Promise<void>;
}

export const CATALOG_KINDS = ['monitor', 'component', 'group', 'page', 'maintenance', 'channel'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

export interface CatalogObject {
  id: string;
  /** the validated config object (MonitorConfig, ComponentConfig, GroupConfig, PageConfig, MaintenanceConfig, …) as stored JSON */
  config: unknown;
  managedBy: ManagedBy;
  position: number;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
}

export interface UserRecord {
  id: string;
  /** lower-cased */
  email: string;
  name: string;
  role: Role;
  /** src/auth/password.ts format; null for OIDC-only users */
  passwordHash: string | null;
  /** base32 TOTP secret, set once enrolment starts; enabled only after a code was confirmed */
  totpSecret: string | null;
  totpEnabled: boolean;
  /** SHA-256 hex of each unused recovery code */
  recoveryCodeHashes: string[];
  oidcIssuer: string | null;
  oidcSubject: string | null;
  createdAt: number;
  updatedAt: number;
  passwordChangedAt: number | null;
  lastLoginAt: number | null;
  /** the last TOTP step accepted */
  totpLastStep: number | null;
  /** bumped by every password change (setPassword) */
  credentialVersion: number;
}

export interface SessionRecord {
  /** SHA-256 hex of the cookie's secret */
  idHash: string;
  userId: string;
  /** sent back in X-CSRF-Token (or a form field) on every cookie-authenticated write */
  csrfToken: string;
  /** password accepted, second factor still due */
  mfaPending: boolean;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
  /** the user's credentialVersion when it was made: after a password change it authenticates nothing */
  credentialVersion: number;
}

export interface SignInLimitRecord {
  /** `password:<SHA-256 hex of the lower-cased email>` or `totp:<user id>` */
  subject: string;
  /** an IP address, or '' for the row that counts every client */
  client: string;
  failures: number;
  lockedUntil: number | null;
  lastFailureAt: number | null;
  lastSuccessAt: number | null;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  /** SHA-256 hex of the secret */
  tokenHash: string;
  /** the first characters of the token, to recognise it in a list */
  prefix: string;
  scopes: TokenScope[];
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
}

export const ACTOR_TYPES = ['user', 'token', 'cli', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export interface AuditEntry {
  id: number;
  at: number;
  actorType: ActorType;
  actorId: string | null;
  /** email or token name, kept even when the actor is deleted */
  actorLabel: string;
  /** e.g. monitor.create, incident.update.delete, user.login.failed */
  action: string;
  targetType: string;
  targetId: string | null;
  /** JSON values, secrets already redacted */
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditFilter {
  limit: number;
  before?: number;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: number;
  to?: number;
}

export interface ComponentOverride {
  componentId: string;
  status: ComponentStatus;
  note: string | null;
  setAt: number;
  setBy: string | null;
}

export const SUBSCRIBER_KINDS = ['email', 'webhook'] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];

export interface SubscriberRecord {
  id: string;
  kind: SubscriberKind;
  /** email address or webhook URL */
  target: string;
  /** empty: every component */
  componentIds: string[];
  confirmedAt: number | null;
  createdAt: number;
  /** the status page it was made on: its slug, '' for the page served at / (subscriptions older than 0008) */
  pageSlug: string;
  /** a private page's access fingerprint at sign-up (deliveries stop when it changes); null: a public page */
  pageAccess: string | null;
}
