import { formatDuration } from '../../domain/duration.ts';
import type { CheckType } from '../check-type.ts';
import { pushCheckFields } from './schema.ts';

/**
 * A push monitor is up while pushes keep arriving at /api/push/<token>. Each push is recorded as its
 * own result when it arrives, so this scheduled check records something only when a push is overdue:
 * none within the interval plus `grace`. A monitor never pushed to gets that long from `monitorSince`.
 */
export const pushCheck: CheckType<typeof pushCheckFields> = {
  kind: 'push',
  fields: pushCheckFields,
  defaultConditions: ['[CONNECTED] == true'],
  async run(config, ctx) {
    const now = ctx.now();
    const allowedGap = ctx.intervalMs + config.grace;
    const last = ctx.lastPush?.(ctx.monitorId);
    const since = last?.receivedAt ?? ctx.monitorSince;
    if (since !== undefined && now - since <= allowedGap) return null;
    const error = last ? `no push received for ${formatDuration(now - last.receivedAt)}` : 'no push received yet';
    return { startedAt: now, responseTimeMs: 0, connected: false, error };
  },
};
