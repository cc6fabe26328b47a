import type { Incident } from '../../domain/incident.ts';
import type {
  AdminStore,
  ApiTokenRecord,
  AuditEntry,
  AuditFilter,
  CatalogKind,
  CatalogObject,
  ComponentOverride,
  SessionRecord,
  SignInLimitRecord,
  SubscriberRecord,
  UserRecord,
} from '../admin-store.ts';
import { getIncident } from '../incident-queries.ts';
import type { NewOutboxRow } from '../outbox-store.ts';
import { enqueueOutboxRows } from '../outbox/enqueue-outbox-rows.ts';
import type { StoreContext } from '../store-context.ts';
import {
  createToken,
  deleteToken,
  deleteTokensOfUser,
  getToken,
  getTokenByHash,
  listTokens,
  touchToken,
} from './api-tokens.ts';
import { appendAudit, listAudit } from './audit-log.ts';
import { archiveCatalog, getCatalog, listCatalog, putCatalog, type CatalogPut } from './catalog.ts';
import { clearComponentOverride, listComponentOverrides, setComponentOverride } from './component-overrides.ts';
import { deleteIncident, saveIncident } from './incidents.ts';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  getSession,
  updateSession,
} from './sessions.ts';
import { consumeSetupToken, createSetupToken } from './setup-tokens.ts';
import {
  clearSignInFailures,
  countSignInFailure,
  listSignInLimits,
  lockSignIn,
  pruneSignInLimits,
  recordSignInSuccess,
} from './sign-in-limits.ts';
import { createSubscriber, deleteSubscriber, getSubscriber, listSubscribers } from './subscribers.ts';
import {
  claimTotpStep,
  countUsers,
  createUser,
  deleteUserRow,
  getUser,
  getUserByEmail,
  getUserByOidcSubject,
  listUsers,
  replaceRecoveryCodes,
  setPassword,
  updateUser,
} from './users.ts';

/**
 * The AdminStore over Kysely, for SQLite and PostgreSQL alike; each method delegates to its concern's module.
 * One instance wraps the database, another (made by `transaction`) the open transaction: that one runs a
 * nested `transaction` inline, since Kysely cannot nest them (and SQLite's single connection would wait forever).
 */
export class KyselyAdminStore implements AdminStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly inTransaction = false,
  ) {}

  transaction<T>(fn: (tx: AdminStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.ctx.db.transaction().execute((db) => fn(new KyselyAdminStore({ ...this.ctx, db }, true)));
  }

  countUsers(): Promise<number> {
    return countUsers(this.ctx);
  }

  listUsers(): Promise<UserRecord[]> {
    return listUsers(this.ctx);
  }

  getUser(id: string): Promise<UserRecord | undefined> {
    return getUser(this.ctx, id);
  }

  getUserByEmail(email: string): Promise<UserRecord | undefined> {
    return getUserByEmail(this.ctx, email);
  }

  getUserByOidcSubject(issuer: string, subject: string): Promise<UserRecord | undefined> {
    return getUserByOidcSubject(this.ctx, issuer, subject);
  }

  createUser(user: UserRecord): Promise<void> {
    return createUser(this.ctx, user);
  }

  updateUser(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<void> {
    return updateUser(this.ctx, id, patch);
  }

  deleteUser(id: string): Promise<void> {
    return this.withContext(async (ctx) => {
      await deleteSessionsOfUser(ctx, id);
      await deleteTokensOfUser(ctx, id);
      await deleteUserRow(ctx, id);
    });
  }

  setPassword(id: string, passwordHash: string, now: number): Promise<number> {
    return setPassword(this.ctx, id, passwordHash, now);
  }

  claimTotpStep(id: string, step: number): Promise<boolean> {
    return claimTotpStep(this.ctx, id, step);
  }

  replaceRecoveryCodes(id: string, expected: readonly string[], next: readonly string[]): Promise<boolean> {
    return replaceRecoveryCodes(this.ctx, id, expected, next);
  }

  listSignInLimits(subjects: readonly string[], clients: readonly string[]): Promise<SignInLimitRecord[]> {
    return listSignInLimits(this.ctx, subjects, clients);
  }

  countSignInFailure(subject: string, client: string, now: number, forgetBefore: number): Promise<number> {
    return countSignInFailure(this.ctx, subject, client, now, forgetBefore);
  }

  lockSignIn(subject: string, client: string, lockedUntil: number): Promise<void> {
    return lockSignIn(this.ctx, subject, client, lockedUntil);
  }

  recordSignInSuccess(subject: string, client: string, now: number): Promise<void> {
    return recordSignInSuccess(this.ctx, subject, client, now);
  }

  clearSignInFailures(subjects: readonly string[]): Promise<void> {
    return clearSignInFailures(this.ctx, subjects);
  }

  pruneSignInLimits(failuresBefore: number, successesBefore: number): Promise<number> {
    return pruneSignInLimits(this.ctx, failuresBefore, successesBefore);
  }

  createSession(session: SessionRecord): Promise<void> {
    return createSession(this.ctx, session);
  }

  getSession(idHash: string): Promise<SessionRecord | undefined> {
    return getSession(this.ctx, idHash);
  }

  updateSession(
    idHash: string,
    patch: Partial<Pick<SessionRecord, 'lastSeenAt' | 'expiresAt' | 'mfaPending' | 'csrfToken' | 'credentialVersion'>>,
  ): Promise<void> {
    return updateSession(this.ctx, idHash, patch);
  }

  deleteSession(idHash: string): Promise<boolean> {
    return deleteSession(this.ctx, idHash);
  }

  deleteSessionsOfUser(userId: string, keepIdHash?: string): Promise<number> {
    return deleteSessionsOfUser(this.ctx, userId, keepIdHash);
  }

  deleteExpiredSessions(now: number): Promise<number> {
    return deleteExpiredSessions(this.ctx, now);
  }

  createToken(token: ApiTokenRecord): Promise<void> {
    return createToken(this.ctx, token);
  }

  getTokenByHash(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    return getTokenByHash(this.ctx, tokenHash);
  }

  getToken(id: string): Promise<ApiTokenRecord | undefined> {
    return getToken(this.ctx, id);
  }

  listTokens(opts?: { userId?: string }): Promise<ApiTokenRecord[]> {
    return listTokens(this.ctx, opts);
  }

  touchToken(id: string, now: number): Promise<void> {
    return touchToken(this.ctx, id, now);
  }

  deleteToken(id: string): Promise<void> {
    return deleteToken(this.ctx, id);
  }

  createSetupToken(tokenHash: string, expiresAt: number): Promise<void> {
    return createSetupToken(this.ctx, tokenHash, expiresAt);
  }

  consumeSetupToken(tokenHash: string, now: number): Promise<boolean> {
    return consumeSetupToken(this.ctx, tokenHash, now);
  }

  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    return appendAudit(this.ctx, entry);
  }

  listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    return listAudit(this.ctx, filter);
  }

  listCatalog<K extends CatalogKind>(kind: K, opts?: { includeArchived?: boolean }): Promise<CatalogObject[]> {
    return listCatalog(this.ctx, kind, opts);
  }

  getCatalog(kind: CatalogKind, id: string, opts?: { includeArchived?: boolean }): Promise<CatalogObject | undefined> {
    return getCatalog(this.ctx, kind, id, opts);
  }

  putCatalog(kind: CatalogKind, object: CatalogPut, now: number): Promise<void> {
    return putCatalog(this.ctx, kind, object, now);
  }

  archiveCatalog(kind: CatalogKind, id: string, now: number): Promise<void> {
    return archiveCatalog(this.ctx, kind, id, now);
  }

  listComponentOverrides(): Promise<ComponentOverride[]> {
    return listComponentOverrides(this.ctx);
  }

  setComponentOverride(override: ComponentOverride): Promise<void> {
    return setComponentOverride(this.ctx, override);
  }

  clearComponentOverride(componentId: string): Promise<void> {
    return clearComponentOverride(this.ctx, componentId);
  }

  getIncident(id: string): Promise<Incident | undefined> {
    return getIncident(this.ctx, id);
  }

  saveIncident(incident: Incident): Promise<void> {
    return this.withContext((ctx) => saveIncident(ctx, incident));
  }

  deleteIncident(id: string): Promise<void> {
    return this.withContext((ctx) => deleteIncident(ctx, id));
  }

  listSubscribers(): Promise<SubscriberRecord[]> {
    return listSubscribers(this.ctx);
  }

  getSubscriber(id: string): Promise<SubscriberRecord | undefined> {
    return getSubscriber(this.ctx, id);
  }

  createSubscriber(subscriber: SubscriberRecord): Promise<void> {
    return createSubscriber(this.ctx, subscriber);
  }

  deleteSubscriber(id: string): Promise<void> {
    return deleteSubscriber(this.ctx, id);
  }

  enqueueNotifications(rows: readonly NewOutboxRow[]): Promise<number> {
    return enqueueOutboxRows(this.ctx, rows);
  }

  /** Run several statements atomically: in the open transaction, or in a new one. */
  private withContext<T>(fn: (ctx: StoreContext) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this.ctx);
    return this.ctx.db.transaction().execute((db) => fn({ ...this.ctx, db }));
  }
}
