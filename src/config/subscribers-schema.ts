import { z } from 'zod';
import { durationMs } from './duration-schema.ts';

/** How Pharos reaches an SMTP server (the same fields as the email notifier's). */
export const smtpSchema = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465) */
    secure: z.boolean().default(false),
    /** require STARTTLS on a plain connection */
    starttls: z.boolean().default(true),
    user: z.string().min(1).max(500).optional(),
    pass: z.string().min(1).max(500).optional(),
    /** false only for a relay with a self-signed certificate you trust */
    tls_reject_unauthorized: z.boolean().default(true),
  })
  .strict();
export type SmtpConfig = z.infer<typeof smtpSchema>;

/** Public subscribers: people and systems that sign up on the status page for incident and maintenance notices. */
export const subscribersSchema = z
  .object({
    /** offer the subscribe form and POST /api/v2/subscribers */
    enabled: z.boolean().default(false),
    /** email subscribers (absent: only webhooks can subscribe) */
    email: z
      .object({
        smtp: smtpSchema,
        /** e.g. "Acme Status <status@acme.example>" */
        from: z.string().min(3).max(320),
      })
      .strict()
      .optional(),
    /** webhook subscribers */
    webhooks: z.boolean().default(true),
    /** how long a confirmation link works */
    confirm_within: durationMs({ min: 60_000 }).default(24 * 3_600_000),
    /** subscribe requests per client address per hour */
    per_ip_per_hour: z.number().int().min(1).max(100_000).default(10),
    /** confirmation mails (or test deliveries) per address or endpoint per day */
    per_address_per_day: z.number().int().min(1).max(1000).default(3),
  })
  .strict();
export type SubscribersConfig = z.infer<typeof subscribersSchema>;
