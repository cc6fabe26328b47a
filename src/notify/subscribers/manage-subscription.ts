import { hashSecret } from '../../auth/secret-token.ts';
import type { SubscriberRecord } from '../../store/admin-store.ts';
import { SubscriberError } from './subscriber-error.ts';
import { SUBSCRIBER_LINK_KEY_SETTING, newLinkKey, verifyUnsubscribeSignature } from './subscriber-links.ts';
import type { SubscriberServiceDeps } from './subscriber-service-deps.ts';

/** The confirmation link was followed: the subscriber is confirmed (once; an expired or used link is refused). */
export async function confirmSubscription(deps: SubscriberServiceDeps, token: string): Promise<SubscriberRecord> {
  if (!token || token.length > 200) throw new SubscriberError('link_unknown', 'this confirmation link is not valid');
  const outcome = await deps.store.subscribers.confirmByToken(hashSecret(token), deps.now());
  switch (outcome.result) {
    case 'confirmed':
      deps.onChange?.();
      return outcome.subscriber;
    case 'used':
      throw new SubscriberError('link_used', 'this confirmation link was already used: the subscription is active');
    case 'expired':
      throw new SubscriberError('link_expired', 'this confirmation link has expired; subscribe again to get a new one');
    case 'unknown':
      throw new SubscriberError('link_unknown', 'this confirmation link is not valid (a newer one may have been sent)');
  }
}

/** Whether an unsubscribe link is genuine (checked before showing its page, and again before removing). */
export async function checkUnsubscribeLink(
  deps: SubscriberServiceDeps,
  subscriberId: string,
  signature: string,
): Promise<void> {
  const key = await deps.store.outbox.setting(SUBSCRIBER_LINK_KEY_SETTING, newLinkKey);
  if (!subscriberId || !signature || !verifyUnsubscribeSignature(key, subscriberId, signature))
    throw new SubscriberError('bad_signature', 'this unsubscribe link is not valid');
}

/** One-click unsubscribe (RFC 8058): the signed link removes the subscriber; a second click finds nothing to remove. */
export async function unsubscribe(
  deps: SubscriberServiceDeps,
  subscriberId: string,
  signature: string,
): Promise<{ removed: boolean }> {
  await checkUnsubscribeLink(deps, subscriberId, signature);
  const removed = await deps.store.subscribers.remove(subscriberId);
  if (removed) {
    deps.logger.info({ subscriber: subscriberId }, 'unsubscribed');
    deps.onChange?.();
  }
  return { removed };
}
