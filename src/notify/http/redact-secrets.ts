import type { DeliveryResult } from '../notifier.ts';

const REDACTED = '[redacted]';

/**
 * A result with every secret of the channel blanked out of its error and remote body, so that what is stored and shown
 * in the dead-letter view can never hold a token (an error text may quote the request URL, a receiver may echo the body).
 * Also blanks the URL-encoded and JSON-escaped forms of each secret.
 */
export function redactSecrets(result: DeliveryResult, secrets: readonly (string | undefined)[]): DeliveryResult {
  if (result.ok) return result;
  const forms = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= 4)
    .flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]);
  if (forms.length === 0) return result;
  const scrub = (text: string) => forms.reduce((acc, form) => acc.split(form).join(REDACTED), text);
  return {
    ...result,
    error: scrub(result.error),
    ...(result.remoteBody !== undefined ? { remoteBody: scrub(result.remoteBody) } : {}),
  };
}
