import { z } from 'zod';
import {
  COMPONENT_STATUSES,
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  MONITOR_STATUSES,
} from '../../domain/statuses.ts';
import { SEVERITIES } from '../message/describe-event.ts';
import { SENT_EVENT_TYPES } from '../notification-event.ts';

/** At most this many events of a digest are listed (its title counts them all). */
export const WEBHOOK_DIGEST_MAX = 100;

const instant = z.iso.datetime().describe('ISO 8601, UTC');

/** One event as the generic webhook sends it: snake_case, times as ISO strings; this is the documented contract. */
export const webhookEventSchema = z
  .object({
    id: z.string().describe('stable for this occurrence: the same across retries, so receivers can drop duplicates'),
    type: z.enum(SENT_EVENT_TYPES).describe('`test` only from a channel\'s "Send test": nothing happened'),
    at: instant,
    page_url: z.string().describe('the public status page'),
    title: z.string().describe('one line, the same wording as every other channel'),
    summary: z.string(),
    severity: z.enum(SEVERITIES),
    url: z.string().describe('where to look: the monitor, incident or maintenance page'),
    components: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(COMPONENT_STATUSES) }).strict()),
    monitor: z
      .object({
        id: z.string(),
        name: z.string(),
        status: z.enum(MONITOR_STATUSES),
        previous_status: z.enum(MONITOR_STATUSES),
        since: instant,
        last_error: z.string().nullable(),
        downtime_ms: z.number().int().nonnegative().optional().describe('monitor.up: how long it was down or degraded'),
        url: z.string(),
      })
      .strict()
      .optional(),
    incident: z
      .object({
        id: z.string(),
        name: z.string(),
        status: z.enum(INCIDENT_STATUSES),
        impact: z.enum(INCIDENT_IMPACTS),
        body: z.string().describe('the latest update, Markdown'),
        created_at: instant,
        resolved_at: instant.nullable(),
        url: z.string(),
      })
      .strict()
      .optional(),
    maintenance: z
      .object({
        id: z.string(),
        title: z.string(),
        body: z.string(),
        status: z.enum(MAINTENANCE_STATUSES),
        start: instant,
        end: instant,
        url: z.string(),
      })
      .strict()
      .optional(),
    certificate: z
      .object({
        monitor_id: z.string(),
        monitor_name: z.string(),
        host: z.string(),
        days_left: z.number().int(),
        expires_at: instant,
      })
      .strict()
      .optional(),
    reminder: z.number().int().positive().optional().describe('a reminder that a monitor is still down: the Nth'),
  })
  .strict();
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The body of every generic webhook request. */
export const webhookPayloadSchema = webhookEventSchema
  .extend({
    digest: z
      .array(webhookEventSchema)
      .max(WEBHOOK_DIGEST_MAX)
      .optional()
      .describe('several changes coalesced into this one message; the top level is the first'),
  })
  .strict();
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
