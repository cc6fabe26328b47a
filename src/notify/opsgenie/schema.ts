import { z } from 'zod';
import { isLoopbackHttpUrl } from '../../config/oidc-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

const httpsOrLoopback = (s: string) =>
  !URL.canParse(s) || new URL(s).protocol === 'https:' || isLoopbackHttpUrl(new URL(s));

export const OPSGENIE_REGIONS = ['us', 'eu'] as const;
export const OPSGENIE_PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type OpsgeniePriority = (typeof OPSGENIE_PRIORITIES)[number];

export const OPSGENIE_API_URLS: Record<(typeof OPSGENIE_REGIONS)[number], string> = {
  us: 'https://api.opsgenie.com',
  eu: 'https://api.eu.opsgenie.com',
};

/** An Opsgenie API integration. Maintenance events are not sent (see alert-lifecycle.ts). */
export const opsgenieFields = z
  .object({
    /** the API key of an "API" integration (secret) */
    api_key: z.string().regex(/^[A-Za-z0-9-]{20,64}$/, 'the API key of an Opsgenie API integration'),
    /** the account's region */
    region: z.enum(OPSGENIE_REGIONS).default('us'),
    /** overrides the region's API host; https, or http only on 127.0.0.1 / localhost (tests) */
    api_url: z.url().refine(httpsOrLoopback, { message: 'https, or http only on 127.0.0.1 or localhost' }).optional(),
    /** added to every alert, besides "pharos" */
    tags: z.array(z.string().min(1).max(50)).max(19).default([]),
    /** the alert priority for each severity */
    priorities: z
      .object({
        critical: z.enum(OPSGENIE_PRIORITIES).default('P1'),
        warning: z.enum(OPSGENIE_PRIORITIES).default('P3'),
        info: z.enum(OPSGENIE_PRIORITIES).default('P5'),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type OpsgenieFields = z.infer<typeof opsgenieFields>;

/** The admin form's texts for each field (see channel-form.ts). */
export const opsgenieFieldTexts: FieldTexts<typeof opsgenieFields> = {
  api_key: { label: 'API key', help: 'The key of an “API” integration in Opsgenie.' },
  region: { label: 'Region', help: 'Where the Opsgenie account lives.' },
  api_url: { label: 'API URL', help: 'Overrides the region’s API host; empty for the region’s.' },
  tags: { label: 'Tags', help: 'One per line; added to every alert besides “pharos”.' },
  priorities: {
    label: 'Priority per severity',
    fields: {
      critical: { label: 'Critical (down)' },
      warning: { label: 'Warning (degraded)' },
      info: { label: 'Information' },
    },
  },
};
