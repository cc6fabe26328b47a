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
import { scopeEventToPage } from './scope-event-to-page.ts';
import type { SubscriberLinks } from './subscriber-links.ts';
import type { SubscriberMailer } from './subscriber-mailer.ts';
import { subscriberMayHear, type SubscriberPages } from './subscriber-page.ts';

export interface SubscriberSenderDeps {
  /** absent when `subscribers.email` is not configured */
  mailer?: SubscriberMailer;
  /** for webhook deliveries: the egress policy's `public` dispatcher */
  dispatcher: Dispatcher;
  /** the guard behind `dispatcher` */
  egress: EgressGuard;
  links(): Promise<SubscriberLinks>;
  /** each subscription's page (names, links, the page's status, what it shows) */
  pages: SubscriberPages;
}

/** Per subscriber; many events due at once become one digest mail (webhooks get them one by one). */
const SUBSCRIBER_FLOOD = { coalesceAfter: 5, ratePerMinute: 20 } as const;

/**
 * The outbox worker's `subscriber(id)`: a sender that reads the subscriber when it sends (so one removed in the
 * meantime is not sent to), cuts the event to what the subscriber's page shows now, mails email subscribers and
 * POSTs Statuspage-like JSON to webhook subscribers. undefined for every id when subscribers are not enabled.
 */
export function subscriberSender(
  store: Store,
  config: SubscribersConfig,
  deps: SubscriberSenderDeps,
): (id: string) => ChannelSender | undefined {
  if (!config.enabled) return () => undefined;
  return (id) => ({
    id: `subscriber:${id}`,
    dispatcher: deps.dispatcher,
    egress: deps.egress,
    ...SUBSCRIBER_FLOOD,
    send: async (event, ctx) => {
      const subscriber = await store.subscribers.get(id);
      if (!subscriber || subscriber.confirmedAt === null)
        return { ok: false, retryable: false, error: `subscriber "${id}" is gone or not confirmed` };
      if (!deps.pages.ready()) return { ok: false, retryable: true, error: 'the public pages are not built yet' };
      const page = deps.pages.find(subscriber.pageSlug);
      if (!page)
        return {
          ok: false,
          retryable: false,
          error: `the subscriber's page "${subscriber.pageSlug}" no longer exists`,
        };
      if (!subscriberMayHear(subscriber, page))
        return {
          ok: false,
          retryable: false,
          error: `the subscriber's page "${page.slug}" is private under other settings than it subscribed under`,
        };
      // the page decides, as it is now: what it no longer shows is not told
      const shown = scopeEventToPage(event, page.model);
      if (!shown)
        return { ok: false, retryable: false, error: `the subscriber's page "${page.slug}" does not show this` };
      const unsubscribeUrl = (await deps.links()).unsubscribe(id);
      return subscriber.kind === 'email'
        ? sendMail(deps.mailer, subscriber, shown, page.model, unsubscribeUrl, ctx)
        : postWebhook(store, subscriber, shown, page.model, unsubscribeUrl, ctx);
    },
  });
}

async function sendMail(
  mailer: SubscriberMailer | undefined,
  subscriber: SubscriberRecord,
  event: NotificationEvent,
  model: StatusModel,
  unsubscribeUrl: string,
  ctx: DeliveryContext,
): Promise<DeliveryResult> {
  if (!mailer) return { ok: false, retryable: false, error: 'subscribers.email is not configured' };
  const mail = renderSubscriberMail(event, model.page, unsubscribeUrl);
  return mailer.send(
    { to: subscriber.target, ...mail, headers: unsubscribeHeaders(unsubscribeUrl), idempotencyKey: ctx.idempotencyKey },
    ctx.signal,
  );
}

/** Each event of a digest is its own POST, in order; the first failure stops the rest (the worker retries). */
async function postWebhook(
  store: Store,
  subscriber: SubscriberRecord,
  event: NotificationEvent,
  model: StatusModel,
  unsubscribeUrl: string,
  ctx: DeliveryContext,
): Promise<DeliveryResult> {
  // endpoints from before https was required are not sent to: they subscribe again
  if (!subscriber.target.startsWith('https://'))
    return { ok: false, retryable: false, error: 'subscriber webhooks must be https' };
  const events = event.digest && event.digest.length > 1 ? event.digest : [event];
  let last: DeliveryResult = { ok: true };
  for (const [n, e] of events.entries()) {
    const incident = e.incident ? await store.getIncident(e.incident.id) : undefined;
    const payload = renderSubscriberWebhook(e, model, incident, {
      unsubscribe: unsubscribeUrl,
      documentation: SUBSCRIBER_WEBHOOK_DOCUMENTATION,
    });
    if (!payload) continue;
    const key = events.length > 1 ? `${ctx.idempotencyKey}:${n}` : ctx.idempotencyKey;
    last = withoutReceiverDetail(
      await sendHttp({ ...ctx, idempotencyKey: key }, subscriber.target, { body: JSON.stringify(payload) }),
    );
    if (!last.ok) return last;
  }
  return last;
}

/**
 * What is recorded (and shown in the admin API) of a delivery to an endpoint the public chose: whether it worked,
 * and when to retry; never its status, its body or why it could not be reached, so that no one learns through
 * Pharos what answers at an address.
 */
function withoutReceiverDetail(result: DeliveryResult): DeliveryResult {
  if (result.ok) return { ok: true };
  return {
    ok: false,
    retryable: result.retryable,
    ...(result.retryAfterMs !== undefined && { retryAfterMs: result.retryAfterMs }),
    error: 'the endpoint did not accept the delivery',
  };
}
