import { z } from 'zod';
import { isLoopbackHttpUrl } from '../../config/oidc-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

const httpsOrLoopback = (s: string) =>
  !URL.canParse(s) || new URL(s).protocol === 'https:' || isLoopbackHttpUrl(new URL(s));

/** A PagerDuty service's Events API v2 integration. Maintenance events are not sent (see alert-lifecycle.ts). */
export const pagerdutyFields = z
  .object({
    /** the integration key of an "Events API v2" integration on the service (secret) */
    routing_key: z
      .string()
      .regex(/^[A-Za-z0-9]{20,64}$/, 'the 32-character integration key of an Events API v2 integration'),
    /** where the Events API lives; https, or http only on 127.0.0.1 / localhost (tests) */
    api_url: z
      .url()
      .refine(httpsOrLoopback, { message: 'https, or http only on 127.0.0.1 or localhost' })
      .default('https://events.pagerduty.com'),
    /** the alert's `source` (default: the status page's host) */
    source: z.string().min(1).max(255).optional(),
  })
  .strict();
export type PagerdutyFields = z.infer<typeof pagerdutyFields>;

/** The admin form's texts for each field (see channel-form.ts). */
export const pagerdutyFieldTexts: FieldTexts<typeof pagerdutyFields> = {
  routing_key: {
    label: 'Integration key',
    help: 'The 32-character key of an “Events API v2” integration on the service.',
  },
  api_url: { label: 'Events API URL', help: 'Leave as is unless you use a proxy.' },
  source: { label: 'Source', help: 'Shown as the alert’s source; empty: the status page’s host.' },
};
