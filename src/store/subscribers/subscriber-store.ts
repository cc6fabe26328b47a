import type { SubscriberKind, SubscriberRecord } from '../admin-store.ts';

/**
 * Public sign-up of subscribers: double opt-in, per-address limits, confirmation and removal. Implemented over
 * Kysely for SQLite and PostgreSQL (kysely-subscriber-store.ts), reached as `store.subscribers`, covered by
 * test/store/contract-subscribers.test.ts. The admin side (list, remove) stays on AdminStore.
 */
export interface SubscriberStore {
  get(id: string): Promise<SubscriberRecord | undefined>;
  /** the subscriber with this kind and target (targets are stored normalised: emails lower-cased) */
  findByTarget(kind: SubscriberKind, target: string): Promise<SubscriberRecord | undefined>;
  /**
   * A new subscriber, unconfirmed unless `confirmedAt` is set, with its confirmation link and one sign-up attempt
   * counted. Throws DuplicateError when the kind and target are taken (two sign-ups racing).
   */
  create(subscriber: SubscriberRecord, confirmation: Confirmation | null): Promise<void>;
  /** count one sign-up attempt for this subscriber: false (nothing counted) when `max` were made in the last `windowMs` */
  takeAttempt(id: string, now: number, limit: { max: number; windowMs: number }): Promise<boolean>;
  /** a new confirmation link (the previous one stops working; null: none), and the page and components chosen this time */
  renewConfirmation(id: string, confirmation: Confirmation | null, choice: SubscriptionChoice): Promise<void>;
  /** confirm by the link's token hash, once */
  confirmByToken(tokenHash: string, now: number): Promise<ConfirmOutcome>;
  /** confirm directly (a webhook that answered its test delivery); false when it is gone */
  markConfirmed(id: string, now: number): Promise<boolean>;
  /** false when there was no such subscriber */
  remove(id: string): Promise<boolean>;
  /** delete unconfirmed subscribers whose link expired before `before` */
  pruneUnconfirmed(before: number): Promise<number>;
}

/** What a sign-up chose: the page it was made on and that page's components (empty: all of them). */
export type SubscriptionChoice = Pick<SubscriberRecord, 'componentIds' | 'pageSlug' | 'pageAccess'>;

export interface Confirmation {
  /** SHA-256 hex of the token in the link */
  tokenHash: string;
  expiresAt: number;
  /** when the link was sent */
  sentAt: number;
}

export type ConfirmOutcome =
  | { result: 'confirmed'; subscriber: SubscriberRecord }
  /** the link was used before (the subscriber is confirmed) */
  | { result: 'used'; subscriber: SubscriberRecord }
  | { result: 'expired' }
  /** no subscriber has this link (never sent, replaced by a newer one, or unsubscribed) */
  | { result: 'unknown' };
