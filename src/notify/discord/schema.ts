import { z } from 'zod';
import { endpointUrlSchema } from '../http/endpoint-url-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

/** A Discord channel webhook. */
export const discordFieldsSchema = z
  .object({
    /** https://discord.com/api/webhooks/<id>/<token> (a `thread_id` query is kept): the URL is the credential */
    url: endpointUrlSchema(),
    /** overrides the webhook's name; Discord refuses names containing "discord" or "clyde" */
    username: z
      .string()
      .min(1)
      .max(80)
      .refine((s) => !/discord|clyde/i.test(s), { message: 'Discord refuses names containing "discord" or "clyde"' })
      .optional(),
    avatar_url: endpointUrlSchema().optional(),
  })
  .strict();
export type DiscordFields = z.infer<typeof discordFieldsSchema>;

/** The admin form's texts for each field (see channel-form.ts). */
export const discordFieldTexts: FieldTexts<typeof discordFieldsSchema> = {
  url: {
    label: 'Webhook URL',
    help: 'Channel settings → Integrations → Webhooks. The URL is the credential.',
    placeholder: 'https://discord.com/api/webhooks/…/…',
  },
  username: { label: 'Sender name', help: 'Discord refuses names containing “discord” or “clyde”.' },
  avatar_url: { label: 'Avatar URL', placeholder: 'https://example.com/pharos.png' },
};
