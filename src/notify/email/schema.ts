import { z } from 'zod';
import type { FieldTexts } from '../field-texts.ts';

export const STARTTLS_MODES = ['required', 'opportunistic', 'never'] as const;

/** One address, as the SMTP envelope and the headers take it. */
export const emailAddress = z.email().max(254);

/** "ops@example.com", or a display name with the address. */
export const mailbox = z.union([
  emailAddress,
  z
    .object({
      // no control characters: a name must not be able to start a header of its own
      name: z
        .string()
        .min(1)
        .max(200)
        .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), {
          message: 'no control characters',
        }),
      address: emailAddress,
    })
    .strict(),
]);
export type Mailbox = z.infer<typeof mailbox>;

/** How to reach the mail server (also used for subscriber mail). */
export const smtpFields = z
  .object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS as `starttls` says */
    secure: z.boolean().default(false),
    /** required: refuse to send in clear; opportunistic: upgrade when offered, else carry on in clear; never: do not upgrade */
    starttls: z.enum(STARTTLS_MODES).default('required'),
    user: z.string().min(1).max(320).optional(),
    /** (secret) */
    pass: z.string().min(1).max(1000).optional(),
    /** false accepts any certificate (a self-signed relay); leave true otherwise */
    tls_reject_unauthorized: z.boolean().default(true),
  })
  .strict()
  .refine((s) => (s.user === undefined) === (s.pass === undefined), { message: 'give both user and pass, or neither' });
export type SmtpConfig = z.infer<typeof smtpFields>;

/** Mail to a fixed list of people (the on-call list, a team alias). */
export const emailFields = z
  .object({
    to: z.array(emailAddress).min(1).max(50),
    cc: z.array(emailAddress).max(50).optional(),
    from: mailbox,
    smtp: smtpFields,
  })
  .strict();
export type EmailFields = z.infer<typeof emailFields>;

/** The admin form's texts for each field (see channel-form.ts). */
export const emailFieldTexts: FieldTexts<typeof emailFields> = {
  to: { label: 'To', help: 'One address per line.', placeholder: 'oncall@example.com' },
  cc: { label: 'Cc', help: 'One address per line.' },
  from: {
    label: 'From',
    help: 'An address, or a name and address: Pharos <alerts@example.com>.',
    placeholder: 'Pharos <alerts@example.com>',
  },
  smtp: {
    label: 'Mail server (SMTP)',
    fields: {
      host: { label: 'Host', placeholder: 'smtp.example.com' },
      port: { label: 'Port', help: '587 for STARTTLS, 465 for TLS from the start.' },
      secure: { label: 'TLS from the first byte (port 465)' },
      starttls: {
        label: 'STARTTLS',
        help: 'required: never send in clear; opportunistic: upgrade when offered; never: do not upgrade.',
      },
      user: { label: 'User name', help: 'With a password, or leave both empty.' },
      pass: { label: 'Password' },
      tls_reject_unauthorized: {
        label: 'Check the server’s certificate',
        help: 'Untick only for a self-signed relay.',
      },
    },
  },
};
