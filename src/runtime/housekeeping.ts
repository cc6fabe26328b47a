import { FAMILIAR_CLIENT_MS, LOCKOUT_POLICIES } from '../auth/account-lockout.ts';
import { THROTTLE_KEEP_MS } from '../auth/shared-throttle.ts';
import type { PharosConfig } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import type { Logger } from './logger.ts';

/** A sign-in counter with no failure for this long is back to zero anyway (and no lock outlives it). */
const SIGN_IN_FAILURES_KEEP_MS = Math.max(...Object.values(LOCKOUT_POLICIES).map((p) => p.forgetAfterMs));

/** Delivered and dead notifications are kept this long for the admin's delivery view. */
const OUTBOX_KEEP_MS = 30 * 86_400_000;

/**
 * The hourly clean-up: raw results and rollups past retention, expired sessions, old delivered or dead notifications,
 * subscribers who never confirmed, sign-in counters that no longer count (nor remember a familiar address). A failure is logged and tried again next hour.
 */
export async function housekeeping(store: Store, config: PharosConfig, logger: Logger, now: number): Promise<void> {
  try {
    const pruned = await store.prune(now, { rawMs: config.retention.raw, rollupMs: config.retention.rollups });
    const sessions = await store.admin.deleteExpiredSessions(now);
    const deliveries = await store.outbox.prune(now - OUTBOX_KEEP_MS);
    const subscribers = await store.subscribers.pruneUnconfirmed(now);
    const signInLimits = await store.admin.pruneSignInLimits(now - SIGN_IN_FAILURES_KEEP_MS, now - FAMILIAR_CLIENT_MS);
    const throttleHits = await store.shared.pruneThrottleHits(now - THROTTLE_KEEP_MS);
    const noticeMarks = await store.shared.pruneNoticeMarks(now);
    const total =
      pruned.results + pruned.rollups + sessions + deliveries + subscribers + signInLimits + throttleHits + noticeMarks;
    if (total > 0)
      logger.info(
        {
          component: 'retention',
          ...pruned,
          sessions,
          deliveries,
          subscribers,
          signInLimits,
          throttleHits,
          noticeMarks,
        },
        'pruned old data',
      );
  } catch (err) {
    logger.error({ component: 'retention', err }, 'pruning failed');
  }
}
