import { sendHttp } from '../http/send-http.ts';
import { urlOrigin } from '../http/url-origin.ts';
import type { Notifier } from '../notifier.ts';
import { renderWebhookPayload } from './render-webhook-payload.ts';
import { webhookFieldsSchema, webhookFieldTexts } from './schema.ts';
import { signWebhookBody } from './webhook-signature.ts';

export { renderWebhookPayload } from './render-webhook-payload.ts';
export {
  webhookPayloadSchema,
  webhookEventSchema,
  type WebhookPayload,
  type WebhookEvent,
} from './webhook-payload-schema.ts';
export { signWebhookBody, verifyWebhookSignature } from './webhook-signature.ts';

/** Pharos's own JSON to any endpoint; with a `secret`, signed so that the receiver can check where it came from. */
export const webhookNotifier: Notifier<'webhook', typeof webhookFieldsSchema> = {
  type: 'webhook',
  fields: webhookFieldsSchema,
  fieldTexts: webhookFieldTexts,
  secretFields: ['secret', 'headers'],
  // headers only to the very URL (another path of the host may echo them back into the test answer); the signing key to the host
  secretTarget: (config, path) => (path[0] === 'headers' ? config.url : urlOrigin(config.url)),
  template: {
    url: 'https://hooks.example.com/pharos',
    method: 'POST',
    secret: 'at least 16 characters, shared with the receiver',
  },
  send: (event, config, ctx) => {
    const body = JSON.stringify(renderWebhookPayload(event));
    const headers: Record<string, string> = { ...config.headers };
    if (config.secret) {
      const timestamp = Math.floor(ctx.now() / 1000);
      headers['X-Pharos-Timestamp'] = String(timestamp);
      headers['X-Pharos-Signature'] = signWebhookBody(config.secret, timestamp, body);
    }
    return sendHttp(ctx, config.url, { method: config.method, headers, body });
  },
};
