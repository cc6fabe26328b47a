import { z } from 'zod';
import { endpointUrlSchema } from '../http/endpoint-url-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

/** A Slack incoming webhook (or any Slack-compatible one: Mattermost, Rocket.Chat …). */
export const slackFieldsSchema = z
  .object({
    /** https://hooks.slack.com/services/T…/B…/…: the URL is the credential */
    url: endpointUrlSchema(),
    /** overrides the webhook's channel, e.g. "#ops" (legacy webhooks only; app webhooks ignore it) */
    channel: z
      .string()
      .regex(/^[#@]?[\w.-]{1,80}$/, 'a channel such as #ops')
      .optional(),
    username: z.string().min(1).max(80).optional(),
    /** e.g. ":rotating_light:" */
    icon_emoji: z
      .string()
      .regex(/^:[\w+-]{1,100}:$/, 'an emoji code such as :rotating_light:')
      .optional(),
  })
  .strict();
export type SlackFields = z.infer<typeof slackFieldsSchema>;

/** The admin form's texts for each field (see channel-form.ts). */
export const slackFieldTexts: FieldTexts<typeof slackFieldsSchema> = {
  url: {
    label: 'Webhook URL',
    help: 'The incoming webhook from Slack (or Mattermost, Rocket.Chat). The URL is the credential.',
    placeholder: 'https://hooks.slack.com/services/T…/B…/…',
  },
  channel: { label: 'Channel', help: 'Overrides the webhook’s channel (legacy webhooks only).', placeholder: '#ops' },
  username: { label: 'Sender name', help: 'Overrides the name the message is posted under.' },
  icon_emoji: { label: 'Icon emoji', placeholder: ':rotating_light:' },
};
