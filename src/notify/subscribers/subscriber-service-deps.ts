import type { Dispatcher } from 'undici';
import type { Throttle } from '../../auth/shared-throttle.ts';
import type { SubscribersConfig } from '../../config/subscribers-schema.ts';
import type { EgressGuard } from '../../egress/egress-policy.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Store } from '../../store/store.ts';
import type { SubscriberLinks } from './subscriber-links.ts';
import type { SubscriberMailer } from './subscriber-mailer.ts';
import type { SubscriberPages } from './subscriber-page.ts';

/** What the public sign-up, confirmation and unsubscribe functions are given (built once by the composition root). */
export interface SubscriberServiceDeps {
  store: Store;
  config: SubscribersConfig;
  /** absent when `subscribers.email` is not configured: only webhooks can subscribe */
  mailer?: SubscriberMailer;
  links(): Promise<SubscriberLinks>;
  /** the pages subscriptions belong to (names in the small pages of the flow) */
  pages: SubscriberPages;
  /** for the test delivery to a new webhook subscriber: the egress policy's `public` dispatcher */
  dispatcher: Dispatcher;
  /** the egress policy's `public` guard: a literal address in an endpoint is refused at sign-up already */
  endpointGuard: EgressGuard;
  /** sign-up requests per client address (a sliding window; `fail` records one) */
  ipQuota: Throttle;
  logger: Logger;
  now(): number;
  /** a subscriber was confirmed or removed: whoever caches the confirmed list reloads it */
  onChange?(): void;
}
