import type { Dispatcher } from 'undici';
import type { EgressGuard } from '../egress/egress-policy.ts';
import type { Logger } from '../runtime/logger.ts';
import type { OutboxRow, OutboxStore } from '../store/outbox-store.ts';
import { nextAttemptAt, RateLimiter } from './backoff.ts';
import type { NotificationEvent } from './notification-event.ts';
import type { DeliveryContext, DeliveryResult } from './notifier.ts';

/** Events one digest message lists at most (providers cap what they show; the webhook lists all of these). */
export const MAX_DIGEST = 100;

/** A channel as the worker needs it: how to send, and its flood controls. */
export interface ChannelSender {
  id: string;
  send(event: NotificationEvent, ctx: DeliveryContext): Promise<DeliveryResult>;
  dispatcher: Dispatcher;
  /** the guard behind `dispatcher`, for connections that are not HTTP (SMTP) */
  egress: EgressGuard;
  coalesceAfter: number;
  ratePerMinute: number;
}

export interface OutboxWorkerOptions {
  outbox: OutboxStore;
  /** the channel for a target id, or undefined when it no longer exists */
  channel(id: string): ChannelSender | undefined;
  /** a subscriber's delivery (email or webhook), or undefined when the subscriber is gone */
  subscriber(id: string): ChannelSender | undefined;
  logger: Logger;
  now?: () => number;
  /** who claims rows (unique per process) */
  claimant: string;
  pollMs?: number;
  batchSize?: number;
  leaseMs?: number;
  /** give up (dead letter) on rows older than this (default 24 h) */
  maxAgeMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** per delivery */
  timeoutMs?: number;
  /** told of each settled attempt (metrics): `rows` sent at once in a digest, failed (retried later) or dead */
  onDelivery?: (
    target: { kind: OutboxRow['targetKind']; id: string },
    outcome: 'sent' | 'failed' | 'dead',
    rows: number,
  ) => void;
}

/**
 * Claims due outbox rows, sends them and records the outcome: at least once (a row claimed by a process that died is
 * claimed again when its lease ends), never again after success (sent rows are never claimed). Per target, rows go
 * in order; many rows due at once for one target become one digest; a per-channel rate limit holds the rest back.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly shutdown = new AbortController();
  private readonly limiter: RateLimiter;
  private readonly now: () => number;
  /** deliveries sent, failed and dead-lettered since start (for /metrics and the bench) */
  readonly counts = { sent: 0, failed: 0, dead: 0, digests: 0 };

  constructor(private readonly opts: OutboxWorkerOptions) {
    this.now = opts.now ?? Date.now;
    this.limiter = new RateLimiter(this.now);
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Run a pass soon (new rows were committed): no waiting for the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.timer = setTimeout(() => this.wake(), this.opts.pollMs ?? 1000);
    });
  }

  /** Stop claiming, abort sends in flight (their rows are released or retried), wait for the pass to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.shutdown.abort(new Error('shutting down'));
    await this.running;
  }

  private async pass(): Promise<void> {
    try {
      for (let round = 0; round < 20 && !this.stopped; round++) {
        const rows = await this.opts.outbox.claimDue(this.now(), {
          limit: this.opts.batchSize ?? 200,
          leaseMs: this.opts.leaseMs ?? 60_000,
          claimant: this.opts.claimant,
        });
        if (rows.length === 0) return;
        const byTarget = new Map<string, OutboxRow[]>();
        for (const r of rows) {
          const key = `${r.targetKind}:${r.targetId}`;
          byTarget.set(key, [...(byTarget.get(key) ?? []), r]);
        }
        await Promise.all([...byTarget.values()].map((group) => this.deliverGroup(group)));
        if (rows.length < (this.opts.batchSize ?? 200)) return;
      }
    } catch (err) {
      this.opts.logger.error({ component: 'outbox', err }, 'outbox pass failed; retrying at the next poll');
    }
  }

  private async deliverGroup(rows: OutboxRow[]): Promise<void> {
    const first = rows[0]!;
    const sender =
      first.targetKind === 'channel' ? this.opts.channel(first.targetId) : this.opts.subscriber(first.targetId);
    if (!sender) {
      for (const r of rows)
        await this.fail(r, {
          ok: false,
          retryable: false,
          error: `${first.targetKind} "${first.targetId}" no longer exists`,
        });
      return;
    }
    rows.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    if (rows.length >= sender.coalesceAfter && rows.length > 1) {
      // a digest lists every event it stands for, so one holds at most MAX_DIGEST of them
      for (let i = 0; i < rows.length; i += MAX_DIGEST) {
        const chunk = rows.slice(i, i + MAX_DIGEST);
        if (!(await this.takeToken(sender, rows.slice(i)))) return;
        if (!(await this.sendDigest(sender, chunk))) {
          for (const rest of rows.slice(i + MAX_DIGEST))
            await this.opts.outbox.release(rest.id, this.opts.claimant, this.now() + 1000);
          return;
        }
      }
      return;
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (!(await this.takeToken(sender, rows.slice(i)))) return;
      const result = await this.send(sender, row.event, row.id);
      if (result.ok) {
        await this.opts.outbox.markSent(row.id, this.opts.claimant, this.now(), result.remoteStatus ?? null);
        this.counts.sent++;
        this.opts.onDelivery?.({ kind: row.targetKind, id: row.targetId }, 'sent', 1);
      } else {
        const retryAt = await this.fail(row, result);
        // keep the order: the rest of this target waits for the failed one's retry
        for (const rest of rows.slice(i + 1))
          await this.opts.outbox.release(rest.id, this.opts.claimant, retryAt ?? this.now());
        return;
      }
    }
  }

  /** One message for many rows: all marked sent on success, each retried on failure. */
  private async sendDigest(sender: ChannelSender, rows: OutboxRow[]): Promise<boolean> {
    const digest: NotificationEvent = { ...rows[0]!.event, digest: rows.map((r) => r.event) };
    const result = await this.send(sender, digest, `digest:${rows[0]!.id}:${rows.at(-1)!.id}`);
    if (!result.ok) {
      for (const r of rows) await this.fail(r, result);
      return false;
    }
    await this.opts.outbox.markManySent(
      rows.map((r) => r.id),
      this.opts.claimant,
      this.now(),
      result.remoteStatus ?? null,
    );
    this.counts.sent += rows.length;
    this.counts.digests++;
    return true;
  }

  /** The rate limit: false (rows handed back until a token comes) when the channel has sent its share. */
  private async takeToken(sender: ChannelSender, rows: OutboxRow[]): Promise<boolean> {
    const wait = this.limiter.take(sender.id, sender.ratePerMinute);
    if (wait === 0) return true;
    for (const r of rows) await this.opts.outbox.release(r.id, this.opts.claimant, this.now() + wait);
    return false;
  }

  private async send(sender: ChannelSender, event: NotificationEvent, key: string): Promise<DeliveryResult> {
    const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 15_000);
    const signal = AbortSignal.any([timeout, this.shutdown.signal]);
    try {
      return await sender.send(event, {
        idempotencyKey: key,
        signal,
        dispatcher: sender.dispatcher,
        egress: sender.egress,
        now: this.now,
      });
    } catch (err) {
      return { ok: false, retryable: true, error: `send failed: ${(err as Error)?.message ?? String(err)}` };
    }
  }

  /** Record a failed attempt; returns when it will be tried again (null: given up). */
  private async fail(row: OutboxRow, result: Extract<DeliveryResult, { ok: false }>): Promise<number | null> {
    const now = this.now();
    const tooOld = now - row.createdAt >= (this.opts.maxAgeMs ?? 86_400_000);
    const next =
      result.retryable && !tooOld
        ? nextAttemptAt({
            now,
            attempts: row.attempts,
            baseMs: this.opts.backoffBaseMs ?? 5_000,
            maxMs: this.opts.backoffMaxMs ?? 900_000,
            retryAfterMs: result.retryAfterMs,
          })
        : null;
    await this.opts.outbox.markFailed(row.id, this.opts.claimant, {
      now,
      error: result.error.slice(0, 1000),
      remoteStatus: result.remoteStatus ?? null,
      remoteBody: result.remoteBody?.slice(0, 1000) ?? null,
      nextAttemptAt: next,
    });
    if (next === null) this.counts.dead++;
    else this.counts.failed++;
    this.opts.onDelivery?.({ kind: row.targetKind, id: row.targetId }, next === null ? 'dead' : 'failed', 1);
    this.opts.logger.warn(
      {
        component: 'outbox',
        target: `${row.targetKind}:${row.targetId}`,
        event: row.eventType,
        attempt: row.attempts,
        error: result.error,
        status: result.remoteStatus,
        retryAt: next && new Date(next).toISOString(),
        dead: next === null,
      },
      next === null ? 'notification given up (dead letter)' : 'notification failed; will retry',
    );
    return next;
  }
}
