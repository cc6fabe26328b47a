import type { Agent } from 'undici';
import { StoreThrottle } from '../../auth/shared-throttle.ts';
import type { SubscribersConfig } from '../../config/subscribers-schema.ts';
import { guardedDispatcher } from '../../egress/guarded-agent.ts';
import type { EgressPolicy } from '../../egress/egress-policy.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Store } from '../../store/store.ts';
import type { ChannelSender } from '../outbox-worker.ts';
import { newLinkKey, SUBSCRIBER_LINK_KEY_SETTING, subscriberLinks, type SubscriberLinks } from './subscriber-links.ts';
import { smtpSubscriberMailer } from './subscriber-mailer.ts';
import type { SubscriberPages } from './subscriber-page.ts';
import { subscriberSender } from './subscriber-sender.ts';
import type { SubscriberServiceDeps } from './subscriber-service-deps.ts';

export interface SubscriberRuntimeOptions {
  store: Store;
  config: SubscribersConfig;
  egress: EgressPolicy;
  logger: Logger;
  now(): number;
  /** the public base URL for links in mails, no trailing slash */
  baseUrl(): string;
  /** the public pages, by slug, as the public side shows them */
  pages: SubscriberPages;
  /** a subscriber was confirmed or removed (reload the notification targets) */
  onChange?(): void;
}

export interface SubscriberRuntime {
  /** for registerSubscribeRoutes */
  deps: SubscriberServiceDeps;
  /** for the outbox worker's `subscriber(id)` */
  sender(id: string): ChannelSender | undefined;
  close(): Promise<void>;
}

const HOUR = 3_600_000;

/**
 * The subscribers' shared parts, made once: the mailer, the dispatcher for webhook endpoints (the egress policy's
 * strict `public` guard: the public gave these targets), the signed-link key (read once from the store), the per-IP
 * limit. The dispatcher follows no redirect (undici's default), so every address connected to is one the guard judged.
 */
export function createSubscriberRuntime(opts: SubscriberRuntimeOptions): SubscriberRuntime {
  const endpointGuard = opts.egress.guardFor('public');
  const dispatcher = guardedDispatcher(endpointGuard);
  let links: Promise<SubscriberLinks> | undefined;
  const linksOnce = () => {
    links ??= opts.store.outbox
      .setting(SUBSCRIBER_LINK_KEY_SETTING, newLinkKey)
      .then((key) => subscriberLinks(opts.baseUrl(), key));
    links.catch(() => (links = undefined));
    return links;
  };
  // the mail server is the operator's (config file)
  const mailer = opts.config.email
    ? smtpSubscriberMailer(opts.config.email, opts.egress.guardFor('config'))
    : undefined;
  const deps: SubscriberServiceDeps = {
    store: opts.store,
    config: opts.config,
    mailer,
    links: linksOnce,
    pages: opts.pages,
    dispatcher,
    endpointGuard,
    ipQuota: new StoreThrottle(opts.store.shared, 'subscribe', {
      max: opts.config.per_ip_per_hour,
      windowMs: HOUR,
      now: opts.now,
    }),
    logger: opts.logger.child({ component: 'subscribers' }),
    now: opts.now,
    onChange: opts.onChange,
  };
  const sender = subscriberSender(opts.store, opts.config, {
    mailer,
    dispatcher,
    egress: endpointGuard,
    links: linksOnce,
    pages: opts.pages,
  });
  return { deps, sender, close: () => (dispatcher as Agent).close() };
}
