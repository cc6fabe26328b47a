/** Why a public sign-up, confirmation or unsubscribe was refused; mapped to an HTTP status once, at the edge. */
export const SUBSCRIBER_ERROR_CODES = ['invalid_input', 'rate_limited', 'not_available', 'delivery_failed', 'link_expired', 'link_used', 'link_unknown', 'bad_signature'] as const;
export type SubscriberErrorCode = (typeof SUBSCRIBER_ERROR_CODES)[number];

export const SUBSCRIBER_ERROR_STATUS: Record<SubscriberErrorCode, number> = {
  invalid_input: 400,
  rate_limited: 429,
  not_available: 404,
  delivery_failed: 422,
  link_expired: 410,
  link_used: 410,
  link_unknown: 404,
  bad_signature: 403,
};

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
