import type { PharosConfig } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import type { Logger } from './logger.ts';

/** Delivered and dead notifications are kept this long for the admin's delivery view. */
const OUTBOX_KEEP_MS = 30 * 86_400_000;

/**
 * The hourly clean-up: raw results and rollups past retention, expired sessions, old delivered or dead notifications,
 * subscribers who never confirmed. A failure is logged and tried again next hour.
 */
export async function housekeeping(store: Store, config: PharosConfig, logger: Logger, now: number): Promise<void> {
  try {
    const pruned = await store.prune(now, { rawMs: config.retention.raw, rollupMs: config.retention.rollups });
    const sessions = await store.admin.deleteExpiredSessions(now);
    const deliveries = await store.outbox.prune(now - OUTBOX_KEEP_MS);
    const subscribers = await store.subscribers.pruneUnconfirmed(now);
    const total = pruned.results + pruned.rollups + sessions + deliveries + subscribers;
    if (total > 0) logger.info({ component: 'retention', ...pruned, sessions, deliveries, subscribers }, 'pruned old data');
  } catch (err) {
    logger.error({ component: 'retention', err }, 'pruning failed');
  }
}
