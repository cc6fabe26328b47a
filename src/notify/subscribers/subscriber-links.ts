import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../auth/secret-token.ts';

/** The installation-wide key (store.outbox.setting) that signs unsubscribe links. */
export const SUBSCRIBER_LINK_KEY_SETTING = 'subscriber_link_key';

export function newLinkKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The signature of a subscriber's unsubscribe link: HMAC-SHA256 of its id, base64url. */
export function unsubscribeSignature(key: string, subscriberId: string): string {
  return createHmac('sha256', key).update(`unsubscribe:${subscriberId}`, 'utf8').digest('base64url');
}

export function verifyUnsubscribeSignature(key: string, subscriberId: string, signature: string): boolean {
  return safeEqual(unsubscribeSignature(key, subscriberId), signature);
}

/** The links a subscriber is sent, under the public base URL (no trailing slash). */
export interface SubscriberLinks {
  confirm(token: string): string;
  unsubscribe(subscriberId: string): string;
}

export function subscriberLinks(baseUrl: string, key: string): SubscriberLinks {
  const base = baseUrl.replace(/\/$/, '');
  return {
    confirm: (token) => `${base}/subscribers/confirm?token=${encodeURIComponent(token)}`,
    unsubscribe: (id) =>
      `${base}/subscribers/unsubscribe?s=${encodeURIComponent(id)}&sig=${unsubscribeSignature(key, id)}`,
  };
}
