import type { KumaNotification } from './kuma-data.ts';

export type MappedChannel =
  { ok: true; value: Record<string, unknown>; approximations: string[] } | { ok: false; reason: string };

type Config = Record<string, unknown>;
const s = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const list = (v: unknown): string[] =>
  (s(v) ?? '')
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Each Kuma provider Pharos has a channel for: the channel's own fields from the provider's settings. */
const PROVIDERS: Record<string, (c: Config, approx: string[]) => Record<string, unknown> | string> = {
  slack: (c) => ({
    type: 'slack',
    url: s(c.slackwebhookURL) ?? '',
    ...(s(c.slackchannel) ? { channel: s(c.slackchannel) } : {}),
    ...(s(c.slackusername) ? { username: s(c.slackusername) } : {}),
    ...(s(c.slackiconemo) ? { icon_emoji: s(c.slackiconemo) } : {}),
  }),
  discord: (c) => ({
    type: 'discord',
    url: s(c.discordWebhookUrl) ?? '',
    ...(s(c.discordUsername) ? { username: s(c.discordUsername) } : {}),
  }),
  teams: (c) => ({ type: 'teams', url: s(c.webhookUrl) ?? '' }),
  telegram: (c, approx) => {
    if (c.telegramSendSilently || c.telegramProtectContent) approx.push('silent and protected sending are not carried');
    const chat = s(c.telegramChatID) ?? '';
    return {
      type: 'telegram',
      bot_token: s(c.telegramBotToken) ?? '',
      chat_id: /^-?\d+$/.test(chat) ? Number(chat) : chat,
      ...(s(c.telegramMessageThreadID) ? { message_thread_id: Number(c.telegramMessageThreadID) } : {}),
    };
  },
  webhook: (c, approx) => {
    approx.push("the receiver gets Pharos's webhook JSON, not Kuma's");
    return { type: 'webhook', url: s(c.webhookURL) ?? '' };
  },
  ntfy: (c, approx) => {
    if (c.ntfyPriority !== undefined)
      approx.push(`ntfy priority ${String(c.ntfyPriority)} not carried (Pharos sets it per severity)`);
    return {
      type: 'ntfy',
      url: s(c.ntfyserverurl) ?? 'https://ntfy.sh',
      topic: s(c.ntfytopic) ?? '',
      ...(s(c.ntfyaccesstoken) ? { token: s(c.ntfyaccesstoken) } : {}),
      ...(s(c.ntfyusername) && !s(c.ntfyaccesstoken)
        ? { username: s(c.ntfyusername), password: s(c.ntfypassword) ?? '' }
        : {}),
    };
  },
  gotify: (c, approx) => {
    if (c.gotifyPriority !== undefined)
      approx.push(`Gotify priority ${String(c.gotifyPriority)} applied to every severity but "info"`);
    const p = Number(c.gotifyPriority);
    return {
      type: 'gotify',
      server: s(c.gotifyserverurl) ?? '',
      app_token: s(c.gotifyapplicationToken) ?? '',
      ...(Number.isInteger(p) && p >= 0 && p <= 10 ? { priorities: { critical: p, warning: p, ok: p } } : {}),
    };
  },
  PagerDuty: (c, approx) => {
    if (s(c.pagerdutyPriority))
      approx.push(`PagerDuty severity ${String(c.pagerdutyPriority)} not carried (Pharos sets it per event)`);
    return {
      type: 'pagerduty',
      routing_key: s(c.pagerdutyIntegrationKey) ?? '',
      ...(s(c.pagerdutyIntegrationUrl) ? { api_url: new URL(s(c.pagerdutyIntegrationUrl)!).origin } : {}),
    };
  },
  Opsgenie: (c) => ({
    type: 'opsgenie',
    api_key: s(c.opsgenieApiKey) ?? '',
    region: s(c.opsgenieRegion) === 'eu' ? 'eu' : 'us',
  }),
  smtp: (c, approx) => {
    if (s(c.smtpBCC)) approx.push('Bcc recipients are left out (Pharos sends To and Cc)');
    if (s(c.customSubject) || s(c.customBody)) approx.push('custom subject and body templates are not carried');
    const user = s(c.smtpUsername);
    const port = Number(c.smtpPort);
    return {
      type: 'email',
      to: list(c.smtpTo),
      ...(list(c.smtpCC).length ? { cc: list(c.smtpCC) } : {}),
      from: fromAddress(s(c.smtpFrom) ?? ''),
      smtp: {
        host: s(c.smtpHost) ?? '',
        ...(Number.isInteger(port) && port > 0 ? { port } : {}),
        secure: c.smtpSecure === true,
        ...(user ? { user, pass: s(c.smtpPassword) ?? '' } : {}),
        ...(c.smtpIgnoreTLSError === true ? { tls_reject_unauthorized: false } : {}),
      },
    };
  },
};

/** `"Kuma" <kuma@example.com>` or a bare address, as Pharos's mailbox. */
function fromAddress(text: string): string | { name: string; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(text);
  if (m && m[1]) return { name: m[1], address: m[2]!.trim() };
  return m ? m[2]!.trim() : text;
}

/** Said of every channel: its secrets are in the output, never in the report. */
export const SECRET_NOTE = 'its secrets (tokens, keys, passwords, webhook URLs) carried, redacted here';

/** A Kuma notification as a Pharos channel that hears about `monitorIds` (all of Kuma's monitors that use it). */
export function mapKumaNotification(n: KumaNotification, id: string, monitorIds: string[] | 'all'): MappedChannel {
  const type = s(n.config.type) ?? '';
  const provider = PROVIDERS[type];
  if (!provider) return { ok: false, reason: `provider "${type}" has no Pharos channel type` };
  if (!n.active) return { ok: false, reason: 'disabled in Uptime Kuma' };
  const approximations: string[] = [];
  let fields: Record<string, unknown> | string;
  try {
    fields = provider(n.config, approximations);
  } catch (err) {
    return { ok: false, reason: `its settings do not read: ${(err as Error).message}` };
  }
  if (typeof fields === 'string') return { ok: false, reason: fields };
  if (monitorIds !== 'all' && monitorIds.length === 0)
    approximations.push('no monitor uses it: it hears only about those added later by hand');
  return {
    ok: true,
    value: {
      id,
      ...fields,
      events: ['monitor.down', 'monitor.up', 'certificate.expiring'],
      ...(monitorIds === 'all' ? {} : { monitors: monitorIds }),
    },
    approximations,
  };
}
