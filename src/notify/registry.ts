import type { z } from 'zod';
import { discordNotifier } from './discord/index.ts';
import { emailNotifier } from './email/index.ts';
import { gotifyNotifier } from './gotify/index.ts';
import type { DeliveryContext, DeliveryResult, Notifier } from './notifier.ts';
import type { NotificationEvent } from './notification-event.ts';
import { ntfyNotifier } from './ntfy/index.ts';
import { opsgenieNotifier } from './opsgenie/index.ts';
import { pagerdutyNotifier } from './pagerduty/index.ts';
import { slackNotifier } from './slack/index.ts';
import { snsNotifier } from './sns/index.ts';
import { teamsNotifier } from './teams/index.ts';
import { telegramNotifier } from './telegram/index.ts';
import { webhookNotifier } from './webhook/index.ts';

/**
 * Every channel type, once: the types are this object's keys. Adding a provider: a folder and a line here; the compiler
 * checks each entry against the interface and its key against its type, the registry test checks the rest.
 */
export const notifiers = {
  email: emailNotifier,
  slack: slackNotifier,
  discord: discordNotifier,
  teams: teamsNotifier,
  webhook: webhookNotifier,
  pagerduty: pagerdutyNotifier,
  opsgenie: opsgenieNotifier,
  telegram: telegramNotifier,
  ntfy: ntfyNotifier,
  gotify: gotifyNotifier,
  sns: snsNotifier,
} satisfies Record<string, Notifier>;

export type Notifiers = typeof notifiers;
export type ChannelType = keyof Notifiers;

/** The channel types, in registry order (the admin form's choice, the JSON Schema's variants). */
export const CHANNEL_TYPES = Object.keys(notifiers) as ChannelType[];

/** The registry seen per type: each entry's send takes that type's fields, and its key is its type. */
type NotifierByType = { [T in ChannelType]: Notifier<T, Notifiers[T]['fields']> };
const byType: NotifierByType = notifiers;

/** A channel's notifier with its own config bound (per type, TypeScript can tell that the config fits; no cast). */
export function notifierFor<T extends ChannelType>(
  config: z.infer<Notifiers[T]['fields']> & { type: T },
): {
  notifier: Notifier;
  send(event: NotificationEvent, ctx: DeliveryContext): Promise<DeliveryResult>;
  secretTarget(path: readonly string[]): string;
} {
  const notifier = byType[config.type];
  return {
    notifier,
    send: (event, ctx) => notifier.send(event, config, ctx),
    secretTarget: (path) => notifier.secretTarget(config, path),
  };
}
