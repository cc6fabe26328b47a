import { z } from 'zod';
import { parseCidr } from '../egress/cidr-list.ts';
import { mailbox, smtpFields } from '../notify/email/schema.ts';
import { durationMs } from './duration-schema.ts';

/** Public subscribers: people and systems that sign up on the status page for incident and maintenance notices. */
export const subscribersSchema = z
  .object({
    /** offer the subscribe form and POST /api/v2/subscribers */
    enabled: z.boolean().default(false),
    /** email subscribers (absent: only webhooks can subscribe) */
    email: z
      .object({
        /** the email notifier's SMTP settings */
        smtp: smtpFields,
        /** "status@acme.example" or { name: "Acme Status", address: "status@acme.example" } */
        from: mailbox,
      })
      .strict()
      .optional(),
    /** webhook subscribers */
    webhooks: z.boolean().default(true),
    /**
     * Webhook endpoints are https and reach public addresses only, whatever `egress` says (the public chose them).
     * Ranges listed here are exempt (a relay on your own network, tests), e.g. "10.20.0.0/16"; never cloud metadata.
     */
    webhook_allow: z
      .array(
        z
          .string()
          .refine(
            (text) => parseCidr(text) !== undefined,
            'must be a CIDR such as 10.0.0.0/8 or fd00::/8, or an IP address',
          ),
      )
      .default([]),
    /** how long a confirmation link works */
    confirm_within: durationMs({ min: 60_000 }).default(24 * 3_600_000),
    /** subscribe requests per client address per hour */
    per_ip_per_hour: z.number().int().min(1).max(100_000).default(10),
    /** confirmation mails (or test deliveries) per address or endpoint per day */
    per_address_per_day: z.number().int().min(1).max(1000).default(3),
  })
  .strict();
export type SubscribersConfig = z.infer<typeof subscribersSchema>;
