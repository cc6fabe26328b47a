import { CHANNEL_TYPES, type ChannelType } from '../../notify/notifier.ts';
import { notifiers } from '../../notify/registry.ts';

/**
 * What the channel form's "provider fields" box starts with for each type: the provider's own fields (the common
 * ones — id, events, components, reminder, coalescing, rate — are real inputs). Placeholders to overwrite, shaped like
 * each src/notify/<type>/schema.ts.
 */
export const CHANNEL_TEMPLATES: Record<ChannelType, Record<string, unknown>> = {
  email: { to: ['oncall@example.com'], from: { name: 'Pharos', address: 'status@example.com' }, smtp: { host: 'smtp.example.com', port: 587, starttls: 'required', user: 'pharos', pass: 'change me' } },
  slack: { url: 'https://hooks.slack.com/services/T000/B000/XXXX' },
  discord: { url: 'https://discord.com/api/webhooks/000/XXXX' },
  teams: { url: 'https://prod-00.westeurope.logic.azure.com/workflows/…' },
  webhook: { url: 'https://hooks.example.com/pharos', method: 'POST', secret: 'at least 16 characters, shared with the receiver' },
  pagerduty: { routing_key: '0123456789abcdef0123456789abcdef' },
  opsgenie: { api_key: '00000000-0000-0000-0000-000000000000', region: 'us' },
  telegram: { bot_token: '123456789:AAE-replace-with-your-bot-token', chat_id: -1001234567890 },
  ntfy: { url: 'https://ntfy.sh', topic: 'pharos-a-hard-to-guess-topic' },
  gotify: { server: 'https://push.example.com', app_token: 'AbCdEf123456' },
};

/** The provider's own field names (API issue paths under them belong to the provider box). */
export function providerFieldNames(type: ChannelType): string[] {
  return Object.keys(notifiers[type].fields.shape);
}

/** Each type as a select option: [type, pretty JSON template, its field names joined by spaces]. */
export const CHANNEL_TYPE_CHOICES = CHANNEL_TYPES.map((t) => ({ type: t, template: JSON.stringify(CHANNEL_TEMPLATES[t], null, 2), fields: providerFieldNames(t).join(' ') }));
