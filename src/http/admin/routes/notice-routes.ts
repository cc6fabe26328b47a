import { z } from 'zod';
import { adminNotices, subscriptionSettings } from '../../../admin/admin-notices.ts';
import type { SubscribersConfig } from '../../../config/subscribers-schema.ts';
import { STARTTLS_MODES } from '../../../notify/email/schema.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { apiTime, isoTime } from '../views/api-time.ts';

export interface NoticeRouteDeps {
  /** the config's `subscribers` section (absent: subscriptions off) */
  subscribers?: SubscribersConfig;
}

const noticeView = z.object({
  kind: z.enum(['mail_delivery']),
  severity: z.enum(['error']),
  message: z.string().describe("what is wrong, in words, naming the mail server's answer"),
  failing: z.number().describe('failed deliveries in the last 24 hours'),
  last_error: z.string(),
  last_failed_at: apiTime,
  target: z.string().describe('the channel or subscriber of the latest failure, e.g. channel:ops-mail'),
});

const settingsView = z.object({
  enabled: z.boolean(),
  config_key: z.literal('subscribers.enabled').describe('the config file key that turns subscriptions on'),
  email: z
    .object({ host: z.string(), port: z.number(), secure: z.boolean(), starttls: z.enum(STARTTLS_MODES) })
    .nullable()
    .describe('the SMTP relay for email subscribers (subscribers.email.smtp); null: only webhooks can subscribe'),
  webhooks: z.boolean(),
});

/** Problems the operator should see (mail not getting through) and whether public subscriptions are on. */
export function noticeRoutes(deps: NoticeRouteDeps): AdminRoute[] {
  return [
    route({
      method: 'GET',
      path: '/api/v1/notices',
      access: 'read',
      tag: 'Notices',
      summary: "Problems to act on, e.g. mail that is not getting through (from the outbox's failed deliveries)",
      response: z.array(noticeView),
      handle: async (ctx) =>
        (await adminNotices(ctx, deps.subscribers?.email?.smtp.host)).map((n) => ({
          kind: n.kind,
          severity: n.severity,
          message: n.message,
          failing: n.problem.failing,
          last_error: n.problem.lastError,
          last_failed_at: isoTime(n.problem.lastFailedAt),
          target: n.problem.target,
        })),
    }),
    route({
      method: 'GET',
      path: '/api/v1/subscription-settings',
      access: 'read',
      tag: 'Subscribers',
      summary: 'Whether visitors can subscribe (subscribers.enabled in the config file), by email and by webhook',
      response: settingsView,
      handle: async (ctx) => ({
        ...subscriptionSettings(ctx, deps.subscribers),
        config_key: 'subscribers.enabled' as const,
      }),
    }),
  ];
}
