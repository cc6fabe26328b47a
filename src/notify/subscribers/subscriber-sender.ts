import type { Dispatcher } from 'undici';
import type { EgressGuard } from '../../egress/egress-policy.ts';
import type { SubscribersConfig } from '../../config/subscribers-schema.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import type { SubscriberRecord } from '../../store/admin-store.ts';
import type { Store } from '../../store/store.ts';
import { sendHttp } from '../http/send-http.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryContext, DeliveryResult } from '../notifier.ts';
import type { ChannelSender } from '../outbox-worker.ts';
import { renderSubscriberMail, unsubscribeHeaders } from './render-subscriber-mail.ts';
import { renderSubscriberWebhook, SUBSCRIBER_WEBHOOK_DOCUMENTATION } from './render-subscriber-webhook.ts';
import type { SubscriberLinks } from './subscriber-links.ts';
import type { SubscriberMailer } from './subscriber-mailer.ts';

export interface SubscriberSenderDeps {
  /** absent when `subscribers.email` is not configured */
  mailer?: SubscriberMailer;
  /** for webhook deliveries: the egress policy's dispatcher for targets given by the public */
  dispatcher: Dispatcher;
  /** the guard behind `dispatcher` */
  egress: EgressGuard;
  links(): Promise<SubscriberLinks>;
  /** the default public page's model (names, links, the page's status) */
  pageModel(): StatusModel | undefined;
}

/** Per subscriber; many events due at once become one digest mail (webhooks get them one by one). */
const SUBSCRIBER_FLOOD = { coalesceAfter: 5, ratePerMinute: 20 } as const;

/**
 * The outbox worker's `subscriber(id)`: a sender that reads the subscriber when it sends (so one removed in the
 * meantime is not sent to), mails email subscribers and POSTs Statuspage-like JSON to webhook subscribers.
 * undefined for every id when subscribers are not enabled.
 */
export function subscriberSender(store: Store, config: SubscribersConfig, deps: SubscriberSenderDeps): (id: string) => ChannelSender | undefined {
  if (!config.enabled) return () => undefined;
  return (id) => ({
    id: `subscriber:${id}`,
    dispatcher: deps.dispatcher,
    egress: deps.egress,
    ...SUBSCRIBER_FLOOD,
    send: async (event, ctx) => {
      const subscriber = await store.subscribers.get(id);
      if (!subscriber || subscriber.confirmedAt === null) return { ok: false, retryable: false, error: `subscriber "${id}" is gone or not confirmed` };
      const model = deps.pageModel();
      if (!model) return { ok: false, retryable: true, error: 'the public page is not built yet' };
      const unsubscribeUrl = (await deps.links()).unsubscribe(id);
      return subscriber.kind === 'email' ? sendMail(deps.mailer, subscriber, event, model, unsubscribeUrl, ctx) : postWebhook(store, subscriber, event, model, unsubscribeUrl, ctx);
    },
  });
}

async function sendMail(mailer: SubscriberMailer | undefined, subscriber: SubscriberRecord, event: NotificationEvent, model: StatusModel, unsubscribeUrl: string, ctx: DeliveryContext): Promise<DeliveryResult> {
  if (!mailer) return { ok: false, retryable: false, error: 'subscribers.email is not configured' };
  const mail = renderSubscriberMail(event, model.page, unsubscribeUrl);
  return mailer.send({ to: subscriber.target, ...mail, headers: unsubscribeHeaders(unsubscribeUrl), idempotencyKey: ctx.idempotencyKey }, ctx.signal);
}

/** Each event of a digest is its own POST, in order; the first failure stops the rest (the worker retries). */
async function postWebhook(store: Store, subscriber: SubscriberRecord, event: NotificationEvent, model: StatusModel, unsubscribeUrl: string, ctx: DeliveryContext): Promise<DeliveryResult> {
  const events = event.digest && event.digest.length > 1 ? event.digest : [event];
  let last: DeliveryResult = { ok: true };
  for (const [n, e] of events.entries()) {
    const incident = e.incident ? await store.getIncident(e.incident.id) : undefined;
    const payload = renderSubscriberWebhook(e, model, incident, { unsubscribe: unsubscribeUrl, documentation: SUBSCRIBER_WEBHOOK_DOCUMENTATION });
    if (!payload) continue;
    const key = events.length > 1 ? `${ctx.idempotencyKey}:${n}` : ctx.idempotencyKey;
    last = await sendHttp({ ...ctx, idempotencyKey: key }, subscriber.target, { body: JSON.stringify(payload) });
    if (!last.ok) return last;
  }
  return last;
}
