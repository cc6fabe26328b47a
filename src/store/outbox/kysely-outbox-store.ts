import type { NewOutboxRow, OutboxRow, OutboxState, OutboxStats, OutboxStore } from '../outbox-store.ts';
import type { StoreContext } from '../store-context.ts';
import { claimDueOutboxRows } from './claim-due-outbox-rows.ts';
import { enqueueOutboxRows } from './enqueue-outbox-rows.ts';
import { getOutboxRow, listOutboxRows, outboxStats } from './outbox-queries.ts';
import { pruneOutbox, retryDeadOutboxRow } from './outbox-upkeep.ts';
import { settingValue } from './settings.ts';
import {
  markOutboxRowFailed,
  markOutboxRowSent,
  markOutboxRowsSent,
  releaseOutboxRow,
  type FailedAttempt,
} from './settle-claimed-outbox-rows.ts';

/** The OutboxStore over Kysely, for SQLite and PostgreSQL alike; each method delegates to its concern's module. */
export class KyselyOutboxStore implements OutboxStore {
  constructor(
    private readonly ctx: StoreContext,
    /** when a setting is first stored (the only time the interface does not pass in) */
    private readonly now: () => number = Date.now,
  ) {}

  enqueue(rows: readonly NewOutboxRow[]): Promise<number> {
    return enqueueOutboxRows(this.ctx, rows);
  }

  claimDue(
    now: number,
    opts: { limit: number; leaseMs: number; claimant: string; targetIds?: readonly string[] },
  ): Promise<OutboxRow[]> {
    return claimDueOutboxRows(this.ctx, now, opts);
  }

  markSent(id: string, claimant: string, now: number, remoteStatus: number | null): Promise<boolean> {
    return markOutboxRowSent(this.ctx, id, claimant, now, remoteStatus);
  }

  markFailed(id: string, claimant: string, outcome: FailedAttempt): Promise<boolean> {
    return markOutboxRowFailed(this.ctx, id, claimant, outcome);
  }

  release(id: string, claimant: string, nextAttemptAt: number): Promise<void> {
    return releaseOutboxRow(this.ctx, id, claimant, nextAttemptAt);
  }

  markManySent(ids: readonly string[], claimant: string, now: number, remoteStatus: number | null): Promise<number> {
    return markOutboxRowsSent(this.ctx, ids, claimant, now, remoteStatus);
  }

  list(filter: { state?: OutboxState; targetId?: string; limit: number; before?: string }): Promise<OutboxRow[]> {
    return listOutboxRows(this.ctx, filter);
  }

  get(id: string): Promise<OutboxRow | undefined> {
    return getOutboxRow(this.ctx, id);
  }

  retry(id: string, now: number): Promise<boolean> {
    return retryDeadOutboxRow(this.ctx, id, now);
  }

  stats(_now: number): Promise<OutboxStats> {
    return outboxStats(this.ctx);
  }

  prune(olderThan: number): Promise<number> {
    return pruneOutbox(this.ctx, olderThan);
  }

  setting(key: string, make: () => string): Promise<string> {
    return settingValue(this.ctx, key, make, this.now());
  }
}
