/** A Gatus alerting provider as a Pharos channel's own fields, or why it cannot be one. */
export type MappedProvider = { fields: Record<string, unknown>; approximations: string[] } | { reason: string };

type Settings = Record<string, unknown>;
const s = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const n = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const maybe = (key: string, v: unknown) => (v === undefined ? {} : { [key]: v });

const PROVIDERS: Record<string, (c: Settings) => MappedProvider> = {
  slack: (c) => ({ fields: { type: 'slack', url: s(c['webhook-url']) ?? '' }, approximations: [] }),
  mattermost: (c) => ({
    fields: { type: 'slack', url: s(c['webhook-url']) ?? '' },
    approximations: ['sent as a Slack-compatible webhook (Mattermost accepts it)'],
  }),
  discord: (c) => ({
    fields: { type: 'discord', url: s(c['webhook-url']) ?? '' },
    approximations: s(c.title) ? ['its message title is not carried'] : [],
  }),
  'teams-workflows': (c) => ({ fields: { type: 'teams', url: s(c['webhook-url']) ?? '' }, approximations: [] }),
  teams: (c) => ({
    fields: { type: 'teams', url: s(c['webhook-url']) ?? '' },
    approximations: [
      'an Office 365 connector URL: Pharos posts to a Teams workflow; make one if the connector is retired',
    ],
  }),
  pagerduty: (c) => ({ fields: { type: 'pagerduty', routing_key: s(c['integration-key']) ?? '' }, approximations: [] }),
  opsgenie: (c) => ({
    fields: {
      type: 'opsgenie',
      api_key: s(c['api-key']) ?? '',
      ...maybe('tags', Array.isArray(c.tags) ? c.tags : undefined),
    },
    approximations: s(c.priority) ? [`priority ${String(c.priority)} not carried (Pharos sets it per severity)`] : [],
  }),
  telegram: (c) => {
    const id = s(c.id) ?? String(c.id ?? '');
    return {
      fields: {
        type: 'telegram',
        bot_token: s(c.token) ?? '',
        chat_id: /^-?\d+$/.test(id) ? Number(id) : id,
        ...maybe('message_thread_id', n(c['topic-id'])),
        ...maybe('api_url', s(c['api-url'])),
      },
      approximations: [],
    };
  },
  ntfy: (c) => ({
    fields: {
      type: 'ntfy',
      ...maybe('url', s(c.url)),
      topic: s(c.topic) ?? '',
      ...maybe('token', s(c.token)),
    },
    approximations: n(c.priority) !== undefined ? [`priority ${String(c.priority)} not carried`] : [],
  }),
  gotify: (c) => ({
    fields: { type: 'gotify', server: s(c['server-url']) ?? '', app_token: s(c.token) ?? '' },
    approximations: n(c.priority) !== undefined ? [`priority ${String(c.priority)} not carried`] : [],
  }),
  email: (c) => {
    const client = (c.client ?? {}) as Settings;
    return {
      fields: {
        type: 'email',
        to: (s(c.to) ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        from: s(c.from) ?? '',
        smtp: {
          host: s(c.host) ?? '',
          ...maybe('port', n(c.port)),
          ...(n(c.port) === 465 ? { secure: true } : {}),
          ...(s(c.username) ? { user: s(c.username), pass: s(c.password) ?? '' } : {}),
          ...(client.insecure === true ? { tls_reject_unauthorized: false } : {}),
        },
      },
      approximations: [],
    };
  },
  custom: (c) => ({
    fields: {
      type: 'webhook',
      url: s(c.url) ?? '',
      ...(s(c.method)?.toUpperCase() === 'PUT' ? { method: 'PUT' } : {}),
      ...maybe('headers', c.headers && typeof c.headers === 'object' ? c.headers : undefined),
    },
    approximations: ["the receiver gets Pharos's webhook JSON: the custom body template is not carried"],
  }),
};

export function mapGatusProvider(type: string, settings: Settings): MappedProvider {
  const map = PROVIDERS[type];
  if (!map) return { reason: `provider "${type}" has no Pharos channel type` };
  return map(settings);
}
