import { describeEvent } from '../message/describe-event.ts';
import { truncateText } from '../message/truncate-text.ts';
import { sendHttp } from '../http/send-http.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { Notifier } from '../notifier.ts';
import { slackFieldsSchema, type SlackFields, slackFieldTexts } from './schema.ts';

// Block Kit limits: header 150, section text 3000, 10 fields of 2000, button text 75, url 3000.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELDS_MAX = 10;
const FIELD_MAX = 2000;

/** Slack's mrkdwn treats &, < and > as control characters: `<!channel>` would ping. */
const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The incoming-webhook body: `text` for notifications and old clients, Block Kit `blocks` for the message. */
export function renderSlackPayload(event: NotificationEvent, config: SlackFields): Record<string, unknown> {
  const d = describeEvent(event);
  const at = Math.floor(event.at / 1000);
  const iso = new Date(event.at).toISOString();
  const host = URL.canParse(event.pageUrl) ? new URL(event.pageUrl).host : event.pageUrl;
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateText(d.title, HEADER_MAX), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: truncateText(escapeMrkdwn(d.summary), SECTION_MAX) } },
  ];
  if (d.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: d.facts.slice(0, FIELDS_MAX).map(([label, value]) => ({
        type: 'mrkdwn',
        text: truncateText(`*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`, FIELD_MAX),
      })),
    });
  }
  blocks.push(
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `<!date^${at}^{date_short_pretty} {time}|${iso}> · <${event.pageUrl}|${escapeMrkdwn(host)}>`,
        },
      ],
    },
    {
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: d.url, action_id: 'pharos-open' }],
    },
  );
  return {
    text: truncateText(escapeMrkdwn(`${d.title}: ${d.summary}`), SECTION_MAX),
    blocks,
    ...(config.channel && { channel: config.channel }),
    ...(config.username && { username: config.username }),
    ...(config.icon_emoji && { icon_emoji: config.icon_emoji }),
  };
}

export const slackNotifier: Notifier<'slack', typeof slackFieldsSchema> = {
  type: 'slack',
  fields: slackFieldsSchema,
  fieldTexts: slackFieldTexts,
  secretFields: ['url'],
  // the URL is the credential: it is kept only as it is
  secretTarget: (config) => config.url,
  template: { url: 'https://hooks.slack.com/services/T000/B000/XXXX' },
  send: (event, config, ctx) => sendHttp(ctx, config.url, { body: JSON.stringify(renderSlackPayload(event, config)) }),
};
