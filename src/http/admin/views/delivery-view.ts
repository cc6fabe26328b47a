import { z } from 'zod';
import { writtenDuration } from '../../../domain/duration.ts';
import type { PublicDelivery } from '../../../admin/notifications.ts';
import type { DeliveryResult } from '../../../notify/notifier.ts';
import { OUTBOX_STATES } from '../../../store/outbox-store.ts';
import { apiTime, isoTime, isoTimeOrNull } from './api-time.ts';

export const deliveryView = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  target: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number(),
  created_at: apiTime,
  next_attempt_at: apiTime,
  sent_at: apiTime.nullable(),
  last_error: z.string().nullable(),
  last_status: z.number().nullable(),
  last_body: z.string().nullable(),
});

export const presentDelivery = (d: PublicDelivery): z.infer<typeof deliveryView> => ({
  ...d,
  created_at: isoTime(d.created_at),
  next_attempt_at: isoTime(d.next_attempt_at),
  sent_at: isoTimeOrNull(d.sent_at),
});

export const deliveryResultView = z.object({
  ok: z.boolean(),
  retryable: z.boolean().optional(),
  error: z.string().optional(),
  remote_status: z.number().optional(),
  remote_body: z.string().optional(),
  retry_after: z.string().optional().describe('how long the receiver asked to wait, e.g. 30s'),
  retry_after_ms: z.number().optional(),
});

export function presentDeliveryResult(r: DeliveryResult): z.infer<typeof deliveryResultView> {
  if (r.ok) return { ok: true, ...(r.remoteStatus !== undefined ? { remote_status: r.remoteStatus } : {}) };
  return {
    ok: false,
    retryable: r.retryable,
    error: r.error,
    ...(r.remoteStatus !== undefined ? { remote_status: r.remoteStatus } : {}),
    ...(r.remoteBody !== undefined ? { remote_body: r.remoteBody } : {}),
    ...(r.retryAfterMs !== undefined
      ? { retry_after: writtenDuration(r.retryAfterMs), retry_after_ms: r.retryAfterMs }
      : {}),
  };
}
