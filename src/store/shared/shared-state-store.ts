/**
 * State that every replica must see the same, kept in the store instead of one process's memory (issue 17):
 * sliding-window limits per client, the last push of each push monitor, and what a worker already queued per monitor
 * (reminders, certificate warnings). Reached as `store.shared`, implemented over Kysely for SQLite and PostgreSQL
 * (kysely-shared-state-store.ts), covered by test/store/contract-shared-state.test.ts.
 */
export interface SharedStateStore {
  /**
   * Count one attempt of `scope`/`key` at `at`, then forget those of that key older than `forgetBefore`. Returns the
   * times of the key's attempts since `forgetBefore`, newest first (the one just counted included).
   */
  hitThrottle(scope: string, key: string, at: number, forgetBefore: number): Promise<number[]>;
  /** The times of a key's attempts since `since`, newest first, at most `limit` of them. */
  throttleHits(scope: string, key: string, since: number, limit: number): Promise<number[]>;
  /** Forget a key's attempts (a successful sign-in). */
  clearThrottle(scope: string, key: string): Promise<void>;
  /** Delete attempts older than `before`, every scope; how many. */
  pruneThrottleHits(before: number): Promise<number>;

  /** Keep a push as its monitor's last one (an older push than the one kept changes nothing). */
  recordPush(monitorId: string, push: StoredPush): Promise<void>;
  /** The last push of each of these monitors that has one. */
  lastPushes(monitorIds: readonly string[]): Promise<Map<string, StoredPush>>;

  /** Marks of these monitors, by monitor id then notice. */
  noticeMarks(monitorIds: readonly string[]): Promise<Map<string, Map<string, number>>>;
  /** Delete marks whose `expiresAt` passed; how many. (Marks are written with the batch that queued them: ResultBatch.noticeMarks.) */
  pruneNoticeMarks(now: number): Promise<number>;
}

export interface StoredPush {
  receivedAt: number;
  status: 'up' | 'down';
  msg?: string;
  pingMs?: number;
}

/** What was queued for a monitor, written in the same transaction as the outbox rows it stands for. */
export interface NoticeMark {
  monitorId: string;
  /** `reminder:<channel id>:<outage start>` (value: the last reminder's number) or `cert:<expiry>:<days>` (value 1) */
  notice: string;
  value: number;
  /** ms since epoch after which the mark is of no use (housekeeping deletes it) */
  expiresAt: number;
}
