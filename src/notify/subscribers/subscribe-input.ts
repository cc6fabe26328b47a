import { z } from 'zod';
import { idSchema } from '../../config/id-schema.ts';
import { endpointUrlSchema } from '../http/endpoint-url-schema.ts';

/** The honeypot field: people never see it (the form hides it), so only bots fill it in. */
export const HONEYPOT_FIELD = 'website';

/**
 * POST /api/v2/subscribers (and the page's form, reshaped to it):
 * `{ "subscriber": { "email": "…" } | { "endpoint": "https://…" }, "components": ["api"], "website": "" }`.
 */
export const subscribeRequestSchema = z
  .object({
    subscriber: z
      .object({
        email: z
          .string()
          .trim()
          .toLowerCase()
          .max(254)
          .pipe(z.email({ message: 'not an email address' }))
          .optional(),
        endpoint: endpointUrlSchema('never').optional(),
      })
      .strict()
      .refine((s) => (s.email === undefined) !== (s.endpoint === undefined), {
        message: 'give either email or endpoint',
      }),
    /** none: every component */
    components: z
      .array(idSchema)
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'a component is listed twice' })
      .default([]),
    [HONEYPOT_FIELD]: z.string().max(1000).optional(),
  })
  .strict();
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

/** The form's fields (url-encoded, checkboxes repeat `components`) as the JSON request. */
export function formToSubscribeRequest(form: Record<string, unknown>): unknown {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const components =
    form.components === undefined ? [] : Array.isArray(form.components) ? form.components : [form.components];
  return {
    subscriber: {
      ...(text(form.email) !== undefined && { email: form.email }),
      ...(text(form.endpoint) !== undefined && { endpoint: form.endpoint }),
    },
    components,
    ...(form[HONEYPOT_FIELD] !== undefined && { [HONEYPOT_FIELD]: form[HONEYPOT_FIELD] }),
  };
}

/** Whether the honeypot was filled in (checked before anything else, so that bots learn nothing). */
export function honeypotFilled(body: unknown): boolean {
  const value = (body as Record<string, unknown> | null)?.[HONEYPOT_FIELD];
  return typeof value === 'string' && value.trim() !== '';
}
