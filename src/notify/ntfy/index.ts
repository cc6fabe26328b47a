import { describeEvent, type Severity } from '../message/describe-event.ts';
import { truncateText, truncateUtf8 } from '../message/truncate-text.ts';
import { sendHttp } from '../http/send-http.ts';
import { urlOrigin } from '../http/url-origin.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { Notifier } from '../notifier.ts';
import { ntfyFieldsSchema, type NtfyFields, ntfyFieldTexts } from './schema.ts';

/** ntfy priorities: 5 max (bypasses do-not-disturb on phones) … 3 default. */
const PRIORITIES: Record<Severity, number> = { critical: 5, warning: 4, info: 3, ok: 3 };
/** Tags that ntfy shows as emoji before the title (so the title goes without its own icon). */
const TAGS: Record<Severity, string[]> = {
  critical: ['rotating_light'],
  warning: ['warning'],
  info: ['information_source'],
  ok: ['white_check_mark'],
};

// a longer message becomes an attachment on ntfy.sh (4096 bytes)
const MESSAGE_MAX_BYTES = 4000;
const TITLE_MAX = 250;

/** The JSON publish body (POSTed to the server root, the topic inside). */
export function renderNtfyPayload(
  event: NotificationEvent,
  config: Pick<NtfyFields, 'topic'>,
): Record<string, unknown> {
  const d = describeEvent(event);
  return {
    topic: config.topic,
    title: truncateText(d.title.replace(/^\S+ /, ''), TITLE_MAX),
    message: truncateUtf8(d.summary, MESSAGE_MAX_BYTES),
    priority: PRIORITIES[d.severity],
    tags: TAGS[d.severity],
    click: d.url,
  };
}

/** The server root with a trailing slash, under any path prefix (`https://example.com/ntfy` → `…/ntfy/`). */
export function ntfyPublishUrl(serverUrl: string): string {
  const u = new URL(serverUrl);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.toString();
}

function authorization(config: NtfyFields): Record<string, string> {
  if (config.token) return { authorization: `Bearer ${config.token}` };
  if (config.username && config.password)
    return { authorization: `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}` };
  return {};
}

export const ntfyNotifier: Notifier<'ntfy', typeof ntfyFieldsSchema> = {
  type: 'ntfy',
  fields: ntfyFieldsSchema,
  fieldTexts: ntfyFieldTexts,
  // on a public server the topic is as good as a password
  secretFields: ['topic', 'token', 'password'],
  secretTarget: (config) => urlOrigin(config.url),
  template: { url: 'https://ntfy.sh', topic: 'pharos-a-hard-to-guess-topic' },
  send: (event, config, ctx) =>
    sendHttp(ctx, ntfyPublishUrl(config.url), {
      headers: authorization(config),
      body: JSON.stringify(renderNtfyPayload(event, config)),
    }),
};
