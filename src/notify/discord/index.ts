import { describeEvent } from '../message/describe-event.ts';
import { truncateText } from '../message/truncate-text.ts';
import { sendHttp } from '../http/send-http.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { Notifier } from '../notifier.ts';
import { discordFieldsSchema, type DiscordFields, discordFieldTexts } from './schema.ts';

// Discord's limits: content 2000; embed title 256, description 4096, 25 fields (name 256, value 1024), 6000 in all.
const CONTENT_MAX = 2000;
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;
const FIELDS_MAX = 25;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 1024;
const EMBED_TOTAL_MAX = 6000;

/** The execute-webhook body: a short `content` (what push notifications show) and one embed with the details. */
export function renderDiscordPayload(event: NotificationEvent, config: DiscordFields): Record<string, unknown> {
  const d = describeEvent(event);
  const title = truncateText(d.title, TITLE_MAX);
  const fields = d.facts.slice(0, FIELDS_MAX).map(([name, value]) => ({
    name: truncateText(name, FIELD_NAME_MAX),
    value: truncateText(value || '—', FIELD_VALUE_MAX),
    inline: true,
  }));
  const used =
    Array.from(title).length + fields.reduce((n, f) => n + Array.from(f.name).length + Array.from(f.value).length, 0);
  return {
    content: truncateText(d.title, CONTENT_MAX),
    embeds: [
      {
        title,
        description: truncateText(d.summary, Math.min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - used)),
        url: d.url,
        color: Number.parseInt(d.color.slice(1), 16),
        fields,
        timestamp: new Date(event.at).toISOString(),
      },
    ],
    // a monitor or incident name must never ping @everyone, a role or a person
    allowed_mentions: { parse: [] },
    ...(config.username && { username: config.username }),
    ...(config.avatar_url && { avatar_url: config.avatar_url }),
  };
}

/** `?wait=true` makes Discord answer with the message or the error instead of a blind 204. */
export function discordExecuteUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('wait', 'true');
  return u.toString();
}

export const discordNotifier: Notifier<'discord', typeof discordFieldsSchema> = {
  type: 'discord',
  fields: discordFieldsSchema,
  fieldTexts: discordFieldTexts,
  secretFields: ['url'],
  // the URL is the credential: it is kept only as it is
  secretTarget: (config) => config.url,
  template: { url: 'https://discord.com/api/webhooks/000/XXXX' },
  send: (event, config, ctx) =>
    sendHttp(ctx, discordExecuteUrl(config.url), { body: JSON.stringify(renderDiscordPayload(event, config)) }),
};
