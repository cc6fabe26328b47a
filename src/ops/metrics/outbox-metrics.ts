import { Counter, Gauge, type Registry } from 'prom-client';
import type { OutboxStats } from '../../store/outbox-store.ts';

export const DELIVERY_OUTCOMES = ['sent', 'failed', 'dead'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** Where outbox figures come from at scrape time. */
export interface OutboxView {
  stats(now: number): Promise<OutboxStats>;
  /** ids of the configured channels; rows of other targets (subscribers) are summed under one label */
  channelIds(): Iterable<string>;
}

/** Label for rows that are not a configured channel's: subscribers (unbounded in number) and removed channels. */
export const OTHER_TARGETS = 'subscribers';

/**
 * The notification outbox: pending rows and dead letters per channel and the age of the oldest pending row (read from
 * the store at scrape time), and delivery attempts by channel and outcome (counted as the worker settles them).
 */
export class OutboxMetrics {
  private readonly deliveries: Counter<'channel' | 'outcome'>;
  private readonly pending: Gauge<'channel'>;
  private readonly dead: Gauge<'channel'>;
  private readonly oldest: Gauge;
  private view: OutboxView | undefined;

  constructor(register: Registry, now: () => number, onError: (err: unknown) => void) {
    const registers = [register];
    // the three gauges come from one query per scrape: each one's collect awaits the same refresh
    let refreshing: Promise<void> | undefined;
    const collect = () =>
      (refreshing ??= this.refresh(now())
        .catch(onError)
        .finally(() => (refreshing = undefined)));
    this.pending = new Gauge({
      name: 'pharos_outbox_pending',
      help: 'Notifications waiting to be sent, per channel.',
      labelNames: ['channel'],
      registers,
      collect,
    });
    this.dead = new Gauge({
      name: 'pharos_outbox_dead',
      help: 'Notifications given up (dead letters), per channel.',
      labelNames: ['channel'],
      registers,
      collect,
    });
    this.oldest = new Gauge({
      name: 'pharos_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest notification still waiting (0 when none).',
      registers,
      collect,
    });
    this.deliveries = new Counter({
      name: 'pharos_outbox_deliveries_total',
      help: 'Notification delivery attempts settled, by channel and outcome (sent, failed: retried later, dead: given up).',
      labelNames: ['channel', 'outcome'],
      registers,
    });
  }

  watch(view: OutboxView): void {
    this.view = view;
  }

  private async refresh(at: number): Promise<void> {
    if (!this.view) return;
    const stats = await this.view.stats(at);
    const known = new Set(this.view.channelIds());
    this.pending.reset();
    this.dead.reset();
    for (const [channel, rows] of sumByChannel(stats.pendingByTarget, known)) this.pending.set({ channel }, rows);
    for (const [channel, rows] of sumByChannel(stats.deadByTarget, known)) this.dead.set({ channel }, rows);
    this.oldest.set(stats.oldestPendingAt === null ? 0 : Math.max(0, at - stats.oldestPendingAt) / 1000);
  }

  delivered(target: { kind: 'channel' | 'subscriber'; id: string }, outcome: DeliveryOutcome, rows = 1): void {
    this.deliveries.inc({ channel: target.kind === 'channel' ? target.id : OTHER_TARGETS, outcome }, rows);
  }
}

/** Rows per configured channel (0 when none), other targets summed under OTHER_TARGETS. */
function sumByChannel(byTarget: Record<string, number>, known: ReadonlySet<string>): Map<string, number> {
  const sums = new Map<string, number>([...known, OTHER_TARGETS].map((c) => [c, 0]));
  for (const [target, rows] of Object.entries(byTarget)) {
    const label = known.has(target) ? target : OTHER_TARGETS;
    sums.set(label, sums.get(label)! + rows);
  }
  return sums;
}
