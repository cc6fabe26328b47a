import { z } from 'zod';
import { isLoopbackHttpUrl } from '../../config/oidc-schema.ts';
import type { FieldTexts } from '../field-texts.ts';

const httpsOrLoopback = (s: string) =>
  !URL.canParse(s) || new URL(s).protocol === 'https:' || isLoopbackHttpUrl(new URL(s));

/** A Telegram bot posting into a chat, group, channel or forum topic. */
export const telegramFields = z
  .object({
    /** from @BotFather, "123456:ABC-…" (secret: it is in the request path, and is blanked out of every error) */
    bot_token: z.string().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, 'a bot token like 123456789:AAE…'),
    /** a numeric chat id (groups and channels are negative) or a public channel's @username */
    chat_id: z.union([
      z.number().int(),
      z.string().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/, 'a numeric chat id or @channelname'),
    ]),
    /** a forum topic in a supergroup */
    message_thread_id: z.number().int().positive().optional(),
    /** the Bot API host; https, or http only on 127.0.0.1 / localhost (tests, a local Bot API server) */
    api_url: z
      .url()
      .refine(httpsOrLoopback, { message: 'https, or http only on 127.0.0.1 or localhost' })
      .default('https://api.telegram.org'),
  })
  .strict();
export type TelegramFields = z.infer<typeof telegramFields>;

/** The admin form's texts for each field (see channel-form.ts). */
export const telegramFieldTexts: FieldTexts<typeof telegramFields> = {
  bot_token: { label: 'Bot token', help: 'From @BotFather, like 123456789:AAE…', placeholder: '123456789:AAE…' },
  chat_id: {
    label: 'Chat',
    help: 'A numeric chat id (groups and channels are negative) or a public channel’s @name.',
    placeholder: '-1001234567890',
  },
  message_thread_id: { label: 'Forum topic id', help: 'Only for a topic in a forum supergroup.' },
  api_url: { label: 'Bot API URL', help: 'Leave as is unless you run your own Bot API server.' },
};
