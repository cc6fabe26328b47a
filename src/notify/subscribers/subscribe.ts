import { newSecret } from '../../auth/secret-token.ts';
import { newId } from '../../domain/ids.ts';
import type { SubscriberKind, SubscriberRecord } from '../../store/admin-store.ts';
import { DuplicateError } from '../../store/store-errors.ts';
import { sendHttp } from '../http/send-http.ts';
import { renderConfirmationMail } from './render-subscriber-mail.ts';
import { SUBSCRIBER_WEBHOOK_DOCUMENTATION, webhookPage, type SubscriberWebhookTest } from './render-subscriber-webhook.ts';
import { honeypotFilled, subscribeRequestSchema } from './subscribe-input.ts';
import { SubscriberError } from './subscriber-error.ts';
import type { SubscriberServiceDeps } from './subscriber-service-deps.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SubscribeOutcome {
  /** pending: a confirmation mail is on its way (also said to bots and for addresses already subscribed) */
  status: 'pending' | 'confirmed';
  message: string;
}

const PENDING: SubscribeOutcome = { status: 'pending', message: 'Check your inbox: we sent a link to confirm your subscription.' };
const WEBHOOK_CONFIRMED: SubscribeOutcome = { status: 'confirmed', message: 'Your endpoint answered the test delivery: it is subscribed.' };

/**
 * A public sign-up (JSON API or the page's form): per-IP limit, honeypot, validation, then double opt-in. An email
 * gets a confirmation link (a repeat sign-up renews it, within the per-address limit; an address already confirmed is
 * told nothing new); a webhook gets a test POST and is confirmed when it answers 2xx.
 */
export async function subscribe(deps: SubscriberServiceDeps, input: { body: unknown; ip: string }): Promise<SubscribeOutcome> {
  const { config } = deps;
  if (!config.enabled) throw new SubscriberError('not_available', 'subscriptions are not offered here');
  const quota = deps.ipQuota.check(input.ip);
  if (!quota.allowed) throw new SubscriberError('rate_limited', `too many sign-ups from your address; try again in ${Math.ceil(quota.retryAfterMs / 60_000)} min`);
  deps.ipQuota.fail(input.ip);
  // bots learn nothing: the same answer as a real sign-up, and nothing stored or sent
  if (honeypotFilled(input.body)) return PENDING;

  const parsed = subscribeRequestSchema.safeParse(input.body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    throw new SubscriberError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  const { subscriber, components } = parsed.data;
  const known = new Map((await deps.store.listComponents()).map((c) => [c.id, c.config.name]));
  const unknown = components.flatMap((id, n) => (known.has(id) ? [] : [{ path: `components.${n}`, message: `no component "${id}"` }]));
  if (unknown.length > 0) throw new SubscriberError('invalid_input', unknown.map((i) => `${i.path}: ${i.message}`).join('; '), unknown);

  if (subscriber.email !== undefined) {
    if (!deps.mailer) throw new SubscriberError('invalid_input', 'subscriber.email: email subscriptions are not offered here', [{ path: 'subscriber.email', message: 'email subscriptions are not offered here' }]);
    return subscribeEmail(deps, subscriber.email, components, components.map((id) => known.get(id)!));
  }
  if (!config.webhooks) throw new SubscriberError('invalid_input', 'subscriber.endpoint: webhook subscriptions are not offered here', [{ path: 'subscriber.endpoint', message: 'webhook subscriptions are not offered here' }]);
  return subscribeWebhook(deps, subscriber.endpoint!, components);
}

async function subscribeEmail(deps: SubscriberServiceDeps, email: string, components: string[], componentNames: string[]): Promise<SubscribeOutcome> {
  const now = deps.now();
  const existing = await existingOrCounted(deps, 'email', email, now);
  if (existing?.confirmedAt != null) return PENDING;
  const { secret, hash } = newSecret('phc_');
  const confirmation = { tokenHash: hash, expiresAt: now + deps.config.confirm_within, sentAt: now };
  if (existing) await deps.store.subscribers.renewConfirmation(existing.id, confirmation, components);
  else {
    try {
      await deps.store.subscribers.create(newSubscriber('email', email, components, now), confirmation);
    } catch (err) {
      // a sign-up for the same address won the race: it sends its own mail
      if (err instanceof DuplicateError) return PENDING;
      throw err;
    }
  }
  const model = deps.pageModel();
  const mail = renderConfirmationMail({ name: model?.page.name ?? 'Status' }, (await deps.links()).confirm(secret), confirmation.expiresAt, componentNames);
  const sent = await deps.mailer!.send({ to: email, ...mail }, AbortSignal.timeout(20_000));
  if (!sent.ok) {
    deps.logger.warn({ error: sent.error, status: sent.remoteStatus }, 'confirmation mail not sent');
    throw new SubscriberError('delivery_failed', 'the confirmation mail could not be sent; try again later');
  }
  return PENDING;
}

async function subscribeWebhook(deps: SubscriberServiceDeps, endpoint: string, components: string[]): Promise<SubscribeOutcome> {
  const now = deps.now();
  const existing = await existingOrCounted(deps, 'webhook', endpoint, now);
  if (existing?.confirmedAt != null) return WEBHOOK_CONFIRMED;
  let id = existing?.id;
  if (existing) await deps.store.subscribers.renewConfirmation(existing.id, null, components);
  else {
    const record = newSubscriber('webhook', endpoint, components, now);
    try {
      await deps.store.subscribers.create(record, null);
    } catch (err) {
      if (err instanceof DuplicateError) throw new SubscriberError('rate_limited', 'this endpoint is being subscribed right now; try again in a minute');
      throw err;
    }
    id = record.id;
  }
  const model = deps.pageModel();
  const body: SubscriberWebhookTest = {
    meta: { unsubscribe: (await deps.links()).unsubscribe(id!), documentation: SUBSCRIBER_WEBHOOK_DOCUMENTATION },
    page: model ? webhookPage(model) : { id: '', status_indicator: 'none', status_description: '' },
    test: { message: 'Pharos subscription test: answer with a 2xx status to confirm this endpoint.', subscriber_id: id!, components },
  };
  const result = await sendHttp({ idempotencyKey: `subscribe:${id}:${now}`, signal: AbortSignal.timeout(10_000), dispatcher: deps.dispatcher, now: deps.now }, endpoint, { body: JSON.stringify(body) });
  if (!result.ok) throw new SubscriberError('delivery_failed', `the endpoint did not accept the test delivery (${result.remoteStatus ? `HTTP ${result.remoteStatus}` : 'no answer'}); it must answer 2xx`);
  await deps.store.subscribers.markConfirmed(id!, deps.now());
  deps.onChange?.();
  return WEBHOOK_CONFIRMED;
}

/** The subscriber already signed up with this target, its attempt counted (429 past the per-address limit). */
async function existingOrCounted(deps: SubscriberServiceDeps, kind: SubscriberKind, target: string, now: number): Promise<SubscriberRecord | undefined> {
  const existing = await deps.store.subscribers.findByTarget(kind, target);
  if (existing && !(await deps.store.subscribers.takeAttempt(existing.id, now, { max: deps.config.per_address_per_day, windowMs: DAY }))) {
    throw new SubscriberError('rate_limited', 'too many sign-ups for this address today; try again tomorrow');
  }
  return existing;
}

function newSubscriber(kind: SubscriberKind, target: string, componentIds: string[], now: number): SubscriberRecord {
  return { id: newId(), kind, target, componentIds, confirmedAt: null, createdAt: now };
}
