import { describeEvent } from '../message/describe-event.ts';
import { redactSecrets } from '../http/redact-secrets.ts';
import { sendHttp } from '../http/send-http.ts';
import { urlOrigin } from '../http/url-origin.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryResult, Notifier } from '../notifier.ts';
import { renderTelegramHtml } from './render-telegram-html.ts';
import { telegramFields, type TelegramFields, telegramFieldTexts } from './schema.ts';

export { telegramFields };

/** The sendMessage body (https://core.telegram.org/bots/api#sendmessage). */
export interface TelegramSendMessage {
  chat_id: number | string;
  message_thread_id?: number;
  text: string;
  parse_mode: 'HTML';
  disable_web_page_preview: true;
}

export function renderTelegramMessage(event: NotificationEvent, config: TelegramFields): TelegramSendMessage {
  return {
    chat_id: config.chat_id,
    ...(config.message_thread_id !== undefined ? { message_thread_id: config.message_thread_id } : {}),
    text: renderTelegramHtml(describeEvent(event)),
    parse_mode: 'HTML',
    disable_web_page_preview: true,
  };
}

export const telegramNotifier: Notifier<'telegram', typeof telegramFields> = {
  type: 'telegram',
  fields: telegramFields,
  fieldTexts: telegramFieldTexts,
  secretFields: ['bot_token'],
  secretTarget: (config) => urlOrigin(config.api_url),
  template: { bot_token: '123456789:AAE-replace-with-your-bot-token', chat_id: -1001234567890 },
  async send(event, config, ctx) {
    const url = `${config.api_url.replace(/\/+$/, '')}/bot${config.bot_token}/sendMessage`;
    const result = await sendHttp(ctx, url, { body: JSON.stringify(renderTelegramMessage(event, config)) });
    return redactSecrets(result.ok ? result : withTelegramError(result), [config.bot_token]);
  },
};

/**
 * Telegram explains a failure in its body: `{ ok: false, error_code, description, parameters: { retry_after,
 * migrate_to_chat_id } }`. Its retry_after (seconds, on 429) is the wait it asks for.
 */
function withTelegramError(result: Extract<DeliveryResult, { ok: false }>): DeliveryResult {
  const answer = parseAnswer(result.remoteBody);
  if (!answer) return result;
  const retryAfter = answer.parameters?.retry_after;
  const migrated = answer.parameters?.migrate_to_chat_id;
  return {
    ...result,
    error: `Telegram ${answer.error_code ?? result.remoteStatus ?? ''}: ${answer.description ?? result.error}${migrated ? ` (set chat_id to ${migrated})` : ''}`,
    ...(typeof retryAfter === 'number' && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

interface TelegramAnswer {
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

function parseAnswer(body: string | undefined): TelegramAnswer | null {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    return parsed && typeof parsed === 'object' ? (parsed as TelegramAnswer) : null;
  } catch {
    return null;
  }
}
