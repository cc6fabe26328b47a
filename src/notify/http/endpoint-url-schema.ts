import { z } from 'zod';
import { isLoopbackHttpUrl } from '../../config/oidc-schema.ts';

const MAX_URL_LENGTH = 2048;

/**
 * A receiver's URL: https, or plain http only to 127.0.0.1/localhost (a hosted service never needs it; tests and
 * local relays do) unless `plainHttp: 'anywhere'` (self-hosted receivers on a LAN), or https only with `'never'`
 * (endpoints the public gives). Where it may connect is the egress policy's business, not this schema's.
 */
export function endpointUrlSchema(plainHttp: 'loopback' | 'anywhere' | 'never' = 'loopback') {
  return z
    .url({ protocol: /^https?$/ })
    .max(MAX_URL_LENGTH)
    .refine((s) => !URL.canParse(s) || !new URL(s).username, { message: 'no credentials in the URL' })
    .refine(
      (s) =>
        !URL.canParse(s) ||
        plainHttp === 'anywhere' ||
        new URL(s).protocol === 'https:' ||
        (plainHttp === 'loopback' && isLoopbackHttpUrl(new URL(s))),
      {
        message: plainHttp === 'never' ? 'must be an https URL' : 'https, or http only on 127.0.0.1 or localhost',
      },
    );
}
