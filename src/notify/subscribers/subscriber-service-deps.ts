import type { Dispatcher } from 'undici';
import type { LoginThrottle } from '../../auth/login-throttle.ts';
import type { SubscribersConfig } from '../../config/subscribers-schema.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Store } from '../../store/store.ts';
import type { SubscriberLinks } from './subscriber-links.ts';
import type { SubscriberMailer } from './subscriber-mailer.ts';

/** What the public sign-up, confirmation and unsubscribe functions are given (built once by the composition root). */
export interface SubscriberServiceDeps {
  store: Store;
  config: SubscribersConfig;
  /** absent when `subscribers.email` is not configured: only webhooks can subscribe */
  mailer?: SubscriberMailer;
  links(): Promise<SubscriberLinks>;
  /** the default public page's model (its name, components and status) */
  pageModel(): StatusModel | undefined;
  /** for the test delivery to a new webhook subscriber: the egress policy's dispatcher for targets given by the public */
  dispatcher: Dispatcher;
  /** sign-up requests per client address (a sliding window; `fail` records one) */
  ipQuota: LoginThrottle;
  logger: Logger;
  now(): number;
  /** a subscriber was confirmed or removed: whoever caches the confirmed list reloads it */
  onChange?(): void;
}
