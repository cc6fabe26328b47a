import { newSecret } from '../../auth/secret-token.ts';
import { newId } from '../../domain/ids.ts';
import type { SubscriberKind, SubscriberRecord } from '../../store/admin-store.ts';
import { DuplicateError } from '../../store/store-errors.ts';
import type { SubscriptionChoice } from '../../store/subscribers/subscriber-store.ts';
import { deniedLiteralHost } from '../../egress/guarded-lookup.ts';
import { sendHttp } from '../http/send-http.ts';
import { renderConfirmationMail } from './render-subscriber-mail.ts';
import {
  SUBSCRIBER_WEBHOOK_DOCUMENTATION,
  webhookPage,
  type SubscriberWebhookTest,
} from './render-subscriber-webhook.ts';
import { honeypotFilled, subscribeRequestSchema } from './subscribe-input.ts';
import { SubscriberError } from './subscriber-error.ts';
import type { SubscriberPage } from './subscriber-page.ts';
import type { SubscriberServiceDeps } from './subscriber-service-deps.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SubscribeOutcome {
  /** pending: a confirmation mail is on its way (also said to bots and for addresses already subscribed) */
  status: 'pending' | 'confirmed';
  message: string;
}

const PENDING: SubscribeOutcome = {
  status: 'pending',
  message: 'Check your inbox: we sent a link to confirm your subscription.',
};
const WEBHOOK_CONFIRMED: SubscribeOutcome = {
  status: 'confirmed',
  message: 'Your endpoint answered the test delivery: it is subscribed.',
};

/** The same answer for an unknown id and for one of a component the page does not show (no way to list hidden ones). */
const NOT_ON_PAGE = 'not a component of this page';
/** One answer for every failed test delivery: it must not tell what the endpoint answered, nor whether it did. */
const TEST_DELIVERY_FAILED =
  'the endpoint did not accept the test delivery: it must be reachable over https at a public address and answer 2xx';

/**
 * A public sign-up (JSON API or the page's form) through one page: per-IP limit, honeypot, validation, then double
 * opt-in. The subscription belongs to that page: its components are the page's (none chosen: all the page shows).
 * An email gets a confirmation link (a repeat sign-up renews it, within the per-address limit; an address already
 * confirmed is told nothing new); a webhook gets a test POST and is confirmed when it answers 2xx.
 * A private page's access is checked by the caller before this (src/http/public/subscribe).
 */
export async function subscribe(
  deps: SubscriberServiceDeps,
  input: { body: unknown; ip: string; page: SubscriberPage },
): Promise<SubscribeOutcome> {
  const { config } = deps;
  if (!config.enabled) throw new SubscriberError('not_available', 'subscriptions are not offered here');
  const quota = await deps.ipQuota.check(input.ip);
  if (!quota.allowed)
    throw new SubscriberError(
      'rate_limited',
      `too many sign-ups from your address; try again in ${Math.ceil(quota.retryAfterMs / 60_000)} min`,
    );
  await deps.ipQuota.fail(input.ip);
  // bots learn nothing: the same answer as a real sign-up, and nothing stored or sent
  if (honeypotFilled(input.body)) return PENDING;

  const parsed = subscribeRequestSchema.safeParse(input.body);
  if (!parsed.success)
    throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
  const { subscriber, components } = parsed.data;
  const { page } = input;
  const shown = new Map(page.model.components.map((c) => [c.id, c.name]));
  const notShown = components.flatMap((id, n) =>
    shown.has(id) ? [] : [{ path: `components.${n}`, message: NOT_ON_PAGE }],
  );
  if (notShown.length > 0) throw invalid(notShown);
  const choice: SubscriptionChoice = { componentIds: components, pageSlug: page.slug, pageAccess: page.access };

  if (subscriber.email !== undefined) {
    if (!deps.mailer)
      throw invalid([{ path: 'subscriber.email', message: 'email subscriptions are not offered here' }]);
    return subscribeEmail(
      deps,
      subscriber.email,
      choice,
      page,
      components.map((id) => shown.get(id)!),
    );
  }
  if (!config.webhooks)
    throw invalid([{ path: 'subscriber.endpoint', message: 'webhook subscriptions are not offered here' }]);
  // a literal address is judged now; a name is judged on every connect, after DNS (the answer does not say which)
  if (deniedLiteralHost(deps.endpointGuard, new URL(subscriber.endpoint!).hostname)) {
    throw invalid([
      {
        path: 'subscriber.endpoint',
        message: 'must reach a public address (no loopback, private, link-local or reserved ones)',
      },
    ]);
  }
  return subscribeWebhook(deps, subscriber.endpoint!, choice, page);
}

function invalid(issues: { path: string; message: string }[]): SubscriberError {
  return new SubscriberError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

async function subscribeEmail(
  deps: SubscriberServiceDeps,
  email: string,
  choice: SubscriptionChoice,
  page: SubscriberPage,
  componentNames: string[],
): Promise<SubscribeOutcome> {
  const now = deps.now();
  const existing = await existingOrCounted(deps, 'email', email, now);
  if (existing?.confirmedAt != null) return PENDING;
  const { secret, hash } = newSecret('phc_');
  const confirmation = { tokenHash: hash, expiresAt: now + deps.config.confirm_within, sentAt: now };
  if (existing) await deps.store.subscribers.renewConfirmation(existing.id, confirmation, choice);
  else {
    try {
      await deps.store.subscribers.create(newSubscriber('email', email, choice, now), confirmation);
    } catch (err) {
      // a sign-up for the same address won the race: it sends its own mail
      if (err instanceof DuplicateError) return PENDING;
      throw err;
    }
  }
  const mail = renderConfirmationMail(
    page.model.page,
    (await deps.links()).confirm(secret),
    confirmation.expiresAt,
    componentNames,
  );
  const sent = await deps.mailer!.send({ to: email, ...mail }, AbortSignal.timeout(20_000));
  if (!sent.ok) {
    deps.logger.warn({ error: sent.error, status: sent.remoteStatus }, 'confirmation mail not sent');
    throw new SubscriberError('delivery_failed', 'the confirmation mail could not be sent; try again later');
  }
  return PENDING;
}

async function subscribeWebhook(
  deps: SubscriberServiceDeps,
  endpoint: string,
  choice: SubscriptionChoice,
  page: SubscriberPage,
): Promise<SubscribeOutcome> {
  const now = deps.now();
  const existing = await existingOrCounted(deps, 'webhook', endpoint, now);
  if (existing?.confirmedAt != null) return WEBHOOK_CONFIRMED;
  let id = existing?.id;
  if (existing) await deps.store.subscribers.renewConfirmation(existing.id, null, choice);
  else {
    const record = newSubscriber('webhook', endpoint, choice, now);
    try {
      await deps.store.subscribers.create(record, null);
    } catch (err) {
      if (err instanceof DuplicateError)
        throw new SubscriberError('rate_limited', 'this endpoint is being subscribed right now; try again in a minute');
      throw err;
    }
    id = record.id;
  }
  const body: SubscriberWebhookTest = {
    meta: { unsubscribe: (await deps.links()).unsubscribe(id!), documentation: SUBSCRIBER_WEBHOOK_DOCUMENTATION },
    page: webhookPage(page.model),
    test: {
      message: 'Pharos subscription test: answer with a 2xx status to confirm this endpoint.',
      subscriber_id: id!,
      components: choice.componentIds,
    },
  };
  const result = await sendHttp(
    {
      idempotencyKey: `subscribe:${id}:${now}`,
      signal: AbortSignal.timeout(10_000),
      dispatcher: deps.dispatcher,
      now: deps.now,
    },
    endpoint,
    { body: JSON.stringify(body) },
  );
  if (!result.ok) {
    // the operator may read why in the log; the public may not (a status or a refusal would make this an oracle)
    deps.logger.debug(
      { subscriber: id, error: result.error, status: result.remoteStatus },
      'webhook test delivery failed',
    );
    throw new SubscriberError('delivery_failed', TEST_DELIVERY_FAILED);
  }
  await deps.store.subscribers.markConfirmed(id!, deps.now());
  deps.onChange?.();
  return WEBHOOK_CONFIRMED;
}

/** The subscriber already signed up with this target, its attempt counted (429 past the per-address limit). */
async function existingOrCounted(
  deps: SubscriberServiceDeps,
  kind: SubscriberKind,
  target: string,
  now: number,
): Promise<SubscriberRecord | undefined> {
  const existing = await deps.store.subscribers.findByTarget(kind, target);
  if (
    existing &&
    !(await deps.store.subscribers.takeAttempt(existing.id, now, {
      max: deps.config.per_address_per_day,
      windowMs: DAY,
    }))
  ) {
    throw new SubscriberError('rate_limited', 'too many sign-ups for this address today; try again tomorrow');
  }
  return existing;
}

function newSubscriber(
  kind: SubscriberKind,
  target: string,
  choice: SubscriptionChoice,
  now: number,
): SubscriberRecord {
  return {
    id: newId(),
    kind,
    target,
    ...choice,
    componentIds: [...choice.componentIds],
    confirmedAt: null,
    createdAt: now,
  };
}
