/** Why a public sign-up, confirmation or unsubscribe was refused; mapped to an HTTP status once, at the edge (src/http/admin/admin-error-status.ts). */
export const SUBSCRIBER_ERROR_CODES = [
  'invalid_input',
  'rate_limited',
  'not_available',
  'delivery_failed',
  'link_expired',
  'link_used',
  'link_unknown',
  'bad_signature',
] as const;
export type SubscriberErrorCode = (typeof SUBSCRIBER_ERROR_CODES)[number];

export class SubscriberError extends Error {
  constructor(
    readonly code: SubscriberErrorCode,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'SubscriberError';
  }
}
