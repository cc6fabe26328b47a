import type { SubscribersConfig } from '../config/subscribers-schema.ts';
import { mailDeliveryProblem, type MailDeliveryProblem } from '../domain/mail-delivery-problem.ts';
import { requirePermission } from './actor.ts';
import type { ServiceContext } from './service-context.ts';

/** The outbox rows looked at for mail problems: the newest ones (a failing relay shows up at once among them). */
const RECENT_ROWS = 500;

/** A problem the operator should see in the admin, not only in the log. */
export interface AdminNotice {
  kind: 'mail_delivery';
  severity: 'error';
  message: string;
  problem: MailDeliveryProblem;
}

/** What the admin shows about public subscriptions: whether they are on, and how to turn them on. */
export interface SubscriptionSettings {
  enabled: boolean;
  email: { host: string; port: number; secure: boolean; starttls: string } | null;
  webhooks: boolean;
}

export function subscriptionSettings(ctx: ServiceContext, config: SubscribersConfig | undefined): SubscriptionSettings {
  requirePermission(ctx.actor, 'read');
  const smtp = config?.email?.smtp;
  return {
    enabled: config?.enabled ?? false,
    email: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, starttls: smtp.starttls } : null,
    webhooks: config?.webhooks ?? true,
  };
}

/** Mail that is not getting through, from the outbox's failed deliveries to mail channels and email subscribers. */
export async function adminNotices(ctx: ServiceContext, smtpHost?: string): Promise<AdminNotice[]> {
  requirePermission(ctx.actor, 'read');
  const [rows, channels, subscribers] = await Promise.all([
    ctx.store.outbox.list({ limit: RECENT_ROWS }),
    ctx.store.admin.listCatalog('channel'),
    ctx.store.admin.listSubscribers(),
  ]);
  const mailChannels = new Set(
    channels.filter((c) => (c.config as { type?: string }).type === 'email').map((c) => c.id),
  );
  const emailSubscribers = new Set(subscribers.filter((s) => s.kind === 'email').map((s) => s.id));
  const isMail = (kind: string, id: string) =>
    kind === 'channel' ? mailChannels.has(id) : kind === 'subscriber' && emailSubscribers.has(id);
  const problem = mailDeliveryProblem(
    rows
      .filter((r) => isMail(r.targetKind, r.targetId))
      .map((r) => ({
        state: r.state,
        attempts: r.attempts,
        lastError: r.lastError,
        updatedAt: r.updatedAt,
        target: `${r.targetKind}:${r.targetId}`,
      })),
    ctx.now(),
  );
  if (!problem) return [];
  const via = problem.target.startsWith('subscriber:') && smtpHost ? ` through ${smtpHost}` : '';
  return [
    {
      kind: 'mail_delivery',
      severity: 'error',
      message: `Mail is not getting through${via}: ${problem.failing} ${problem.failing === 1 ? 'delivery' : 'deliveries'} failed in the last 24 hours. The mail server said: ${problem.lastError}`,
      problem,
    },
  ];
}
