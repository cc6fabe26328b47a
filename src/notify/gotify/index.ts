import { describeEvent, type EventDescription } from '../message/describe-event.ts';
import { redactSecrets } from '../http/redact-secrets.ts';
import { sendHttp } from '../http/send-http.ts';
import { urlOrigin } from '../http/url-origin.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryResult, Notifier } from '../notifier.ts';
import { gotifyFields, type GotifyFields, gotifyFieldTexts } from './schema.ts';

export { gotifyFields };

/** POST /message (https://gotify.net/api-docs#/message/createMessage), with the extras its clients read. */
export interface GotifyMessage {
  title: string;
  message: string;
  priority: number;
  extras: {
    'client::display': { contentType: 'text/markdown' };
    'client::notification': { click: { url: string } };
  };
}

const CAPS = { title: 250, summary: 10_000, value: 1000 };

export function renderGotifyMessage(event: NotificationEvent, config: GotifyFields): GotifyMessage {
  const d = describeEvent(event);
  return {
    title: cut(d.title, CAPS.title),
    message: renderMarkdown(d),
    priority: config.priorities[d.severity],
    extras: {
      'client::display': { contentType: 'text/markdown' },
      'client::notification': { click: { url: d.url } },
    },
  };
}

/** The summary (its lines kept apart), the facts as a list, a link; text from the event is escaped. */
export function renderMarkdown(d: EventDescription): string {
  const summary = escapeMarkdown(cut(d.summary, CAPS.summary)).split('\n').join('  \n');
  const facts = d.facts.map(
    ([k, v]) => `- **${escapeMarkdown(k)}:** ${escapeMarkdown(cut(v, CAPS.value)).replace(/\n/g, ' ')}`,
  );
  return [
    summary,
    '',
    ...facts,
    ...(facts.length ? [''] : []),
    `[Open in Pharos](<${d.url.replace(/[<>\s]/g, encodeURIComponent)}>)`,
  ].join('\n');
}

/** Backslash-escapes what Markdown would read as emphasis, code, links, HTML, headings or tables. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~!]/g, '\\$&');
}

export const gotifyNotifier: Notifier<'gotify', typeof gotifyFields> = {
  type: 'gotify',
  fields: gotifyFields,
  fieldTexts: gotifyFieldTexts,
  secretFields: ['app_token'],
  secretTarget: (config) => urlOrigin(config.server),
  template: { server: 'https://push.example.com', app_token: 'AbCdEf123456' },
  async send(event, config, ctx) {
    const url = `${config.server.replace(/\/+$/, '')}/message`;
    const result = await sendHttp(ctx, url, {
      headers: { 'x-gotify-key': config.app_token },
      body: JSON.stringify(renderGotifyMessage(event, config)),
    });
    return redactSecrets(result.ok ? result : withGotifyError(result), [config.app_token]);
  },
};

/** Gotify explains a failure as `{ error, errorCode, errorDescription }`. */
function withGotifyError(result: Extract<DeliveryResult, { ok: false }>): DeliveryResult {
  try {
    const answer = JSON.parse(result.remoteBody ?? '') as { errorDescription?: unknown };
    return typeof answer.errorDescription === 'string'
      ? { ...result, error: `Gotify ${result.remoteStatus}: ${answer.errorDescription}` }
      : result;
  } catch {
    return result;
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
