import type { StatusModel } from '../../http/public/status-model.ts';
import type { SubscriberRecord } from '../../store/admin-store.ts';

/** The status page a subscription belongs to, as it is now. */
export interface SubscriberPage {
  /** the page's slug; '' for the page served at / when the config has no `pages:` */
  slug: string;
  /** what the page shows: all its subscribers may hear of (components, incidents, maintenance, links) */
  model: StatusModel;
  /** a private page's access fingerprint (it changes with the access settings); null for a public page */
  access: string | null;
}

/** The pages subscriptions are bound to, read from the public side's snapshot (never a query). */
export interface SubscriberPages {
  /** false until the public pages are first built (deliveries wait for them) */
  ready(): boolean;
  /** the page a subscription names ('' = the page served at /); undefined when it no longer exists */
  find(slug: string): SubscriberPage | undefined;
}

/**
 * Whether a subscriber may still hear what its page shows: a public page, or a private page whose access settings
 * are those it was admitted under (a page made private later, or a changed password, ends the subscription's
 * deliveries as it ends the page's cookies).
 */
export function subscriberMayHear(subscriber: Pick<SubscriberRecord, 'pageAccess'>, page: SubscriberPage): boolean {
  return page.access === null || page.access === subscriber.pageAccess;
}
