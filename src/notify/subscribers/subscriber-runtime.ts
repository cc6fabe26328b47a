import type { Agent } from 'undici';
import { LoginThrottle } from '../../auth/login-throttle.ts';
import type { SubscribersConfig } from '../../config/subscribers-schema.ts';
import { guardedDispatcher } from '../../egress/guarded-agent.ts';
import type { EgressPolicy } from '../../egress/egress-policy.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Store } from '../../store/store.ts';
import type { ChannelSender } from '../outbox-worker.ts';
import { newLinkKey, SUBSCRIBER_LINK_KEY_SETTING, subscriberLinks, type SubscriberLinks } from './subscriber-links.ts';
import { smtpSubscriberMailer } from './subscriber-mailer.ts';
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
  /** the default public page's model */
  pageModel(): StatusModel | undefined;
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
 * `api` guard: the public gave these targets), the signed-link key (read once from the store), the per-IP limit.
 */
export function createSubscriberRuntime(opts: SubscriberRuntimeOptions): SubscriberRuntime {
  const guard = opts.egress.guardFor('api');
  const dispatcher = guardedDispatcher(guard);
  let links: Promise<SubscriberLinks> | undefined;
  const linksOnce = () => {
    links ??= opts.store.outbox.setting(SUBSCRIBER_LINK_KEY_SETTING, newLinkKey).then((key) => subscriberLinks(opts.baseUrl(), key));
    links.catch(() => (links = undefined));
    return links;
  };
  // the mail server is the operator's (config file)
  const mailer = opts.config.email ? smtpSubscriberMailer(opts.config.email, opts.egress.guardFor('config')) : undefined;
  const deps: SubscriberServiceDeps = {
    store: opts.store,
    config: opts.config,
    mailer,
    links: linksOnce,
    pageModel: opts.pageModel,
    dispatcher,
    ipQuota: new LoginThrottle({ max: opts.config.per_ip_per_hour, windowMs: HOUR, maxKeys: 100_000, now: opts.now }),
    logger: opts.logger.child({ component: 'subscribers' }),
    now: opts.now,
    onChange: opts.onChange,
  };
  const sender = subscriberSender(opts.store, opts.config, { mailer, dispatcher, egress: guard, links: linksOnce, pageModel: opts.pageModel });
  return { deps, sender, close: () => (dispatcher as Agent).close() };
}
