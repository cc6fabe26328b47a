import { z } from 'zod';
import { endpointUrlSchema } from '../http/endpoint-url-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

export const WEBHOOK_METHODS = ['POST', 'PUT'] as const;

/**
 * Headers a config may not set: hop-by-hop ones (RFC 9110 §7.6.1), those the HTTP client owns, and those that carry
 * the delivery's own contract (the body type, the idempotency key, the signature).
 */
export const REFUSED_WEBHOOK_HEADERS = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
  'content-type',
  'idempotency-key',
  'x-pharos-timestamp',
  'x-pharos-signature',
] as const;

const MAX_HEADERS = 20;
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'an HTTP header name');
const headerValue = z
  .string()
  .max(4096)
  .regex(/^[\t\x20-\x7e\u0080-\u00ff]*$/, 'printable, on one line');

/** Any HTTP endpoint that takes Pharos's own JSON (see webhook-payload-schema.ts), optionally signed. */
export const webhookFieldsSchema = z
  .object({
    /** plain http is allowed anywhere here (a receiver on the LAN); the egress policy decides what is reachable */
    url: endpointUrlSchema('anywhere'),
    method: z.enum(WEBHOOK_METHODS).default('POST'),
    /** signs every request (X-Pharos-Timestamp, X-Pharos-Signature); share it with the receiver */
    secret: z.string().min(16, 'at least 16 characters').max(512).optional(),
    /** extra headers, e.g. an Authorization the receiver expects */
    headers: z
      .record(headerName, headerValue)
      .refine((h) => Object.keys(h).length <= MAX_HEADERS, { message: `at most ${MAX_HEADERS} headers` })
      .refine(
        (h) => !Object.keys(h).some((k) => (REFUSED_WEBHOOK_HEADERS as readonly string[]).includes(k.toLowerCase())),
        {
          message: `none of ${REFUSED_WEBHOOK_HEADERS.join(', ')}`,
        },
      )
      .refine((h) => new Set(Object.keys(h).map((k) => k.toLowerCase())).size === Object.keys(h).length, {
        message: 'a header named twice',
      })
      .optional(),
  })
  .strict();
export type WebhookFields = z.infer<typeof webhookFieldsSchema>;

/** The admin form's texts for each field (see channel-form.ts). */
export const webhookFieldTexts: FieldTexts<typeof webhookFieldsSchema> = {
  url: {
    label: 'URL',
    help: 'Receives Pharos’s JSON (README, “Webhook payload”). Plain http is allowed.',
    placeholder: 'https://hooks.example.com/pharos',
  },
  method: { label: 'Method' },
  secret: {
    label: 'Signing secret',
    help: 'At least 16 characters. Signs every request (X-Pharos-Signature); give the same secret to the receiver.',
  },
  headers: {
    label: 'Extra headers',
    help: 'One per line, “Name: value”, e.g. an Authorization the receiver expects.',
    placeholder: 'Authorization: Bearer …',
  },
};
