import { formatDuration } from '../../domain/duration.ts';
import type { CheckType } from '../check-type.ts';
import { pushCheckFields } from './schema.ts';

/**
 * A push monitor is up while pushes keep arriving at /api/push/<token>. Each push is recorded as its
 * own result when it arrives, so this scheduled check records something only when a push is overdue:
 * none within the interval plus `grace`. A monitor never pushed to gets that long from `monitorSince`.
 */
export const pushCheck: CheckType<'push', typeof pushCheckFields> = {
  kind: 'push',
  fields: pushCheckFields,
  example: { type: 'push', token: 'a-long-random-push-token' },
  defaultConditions: ['[CONNECTED] == true'],
  // a push carries the sender's up/down and its own ping figure
  placeholders: ['CONNECTED', 'RESPONSE_TIME'],
  measuresLatency: false,
  runsOnCheckThread: false,
  target: () => undefined,
  publicTarget: () => null, // the token is a secret
  secretTarget: () => '', // a push token is never sent anywhere
  form: [
    {
      path: 'token',
      label: 'Push token',
      input: 'secret',
      required: true,
      generate: 'Generate a token',
      hint: 'At least 16 letters, digits, _ or -; your service calls /api/push/<token>. The stored token is never shown again.',
    },
    {
      path: 'grace',
      label: 'Grace',
      input: 'duration',
      initial: '10s',
      hint: 'How late a push may be beyond the interval.',
    },
  ],
  async run(config, ctx) {
    const now = ctx.now();
    const allowedGap = ctx.intervalMs + config.grace;
    const last = ctx.lastPush?.(ctx.monitorId);
    const since = last?.receivedAt ?? ctx.monitorSince;
    if (since !== undefined && now - since <= allowedGap) return null;
    const error = last ? `no push received for ${formatDuration(now - last.receivedAt)}` : 'no push received yet';
    // no push within interval + grace is down at once, whatever failure_threshold (README "Push monitors")
    return { startedAt: now, responseTimeMs: 0, connected: false, error, decisive: true };
  },
};
