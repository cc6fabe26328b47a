import { z } from 'zod';
import { endpointUrlSchema } from '../http/endpoint-url-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

/** An ntfy topic, on ntfy.sh or a self-hosted server, with an access token or a user's password when it is protected. */
export const ntfyFieldsSchema = z
  .object({
    /** the server; plain http is allowed (a server on the LAN) */
    url: endpointUrlSchema('anywhere').default('https://ntfy.sh'),
    /** on a public server anyone who knows the topic reads it: pick one that is hard to guess */
    topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, 'letters, digits, - and _, at most 64'),
    /** an access token (tk_…), sent as Bearer */
    token: z.string().min(1).max(256).optional(),
    /** with `password`: Basic authentication */
    username: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[^:]*$/, 'no colon')
      .optional(),
    password: z.string().min(1).max(256).optional(),
  })
  .strict()
  .refine((c) => (c.username === undefined) === (c.password === undefined), {
    message: 'username and password go together',
    path: ['password'],
  })
  .refine((c) => !(c.token && c.username), {
    message: 'either a token or a username and password, not both',
    path: ['token'],
  });
export type NtfyFields = z.infer<typeof ntfyFieldsSchema>;

/** The admin form's texts for each field (see channel-form.ts). */
export const ntfyFieldTexts: FieldTexts<typeof ntfyFieldsSchema> = {
  url: { label: 'Server', help: 'ntfy.sh or your own server.' },
  topic: {
    label: 'Topic',
    help: 'Letters, digits, - and _. On a public server anyone who knows it reads it: pick one hard to guess.',
  },
  token: { label: 'Access token', help: 'For a protected topic (tk_…); or give a user name and password instead.' },
  username: { label: 'User name', help: 'With a password, for a protected topic.' },
  password: { label: 'Password' },
};
