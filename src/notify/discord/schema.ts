import { z } from 'zod';
import { endpointUrlSchema } from '../http/endpoint-url-schema.ts';

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
