import { discordNotifier } from './discord/index.ts';
import { emailNotifier } from './email/index.ts';
import { gotifyNotifier } from './gotify/index.ts';
import type { ChannelType, Notifier } from './notifier.ts';
import { ntfyNotifier } from './ntfy/index.ts';
import { opsgenieNotifier } from './opsgenie/index.ts';
import { pagerdutyNotifier } from './pagerduty/index.ts';
import { slackNotifier } from './slack/index.ts';
import { teamsNotifier } from './teams/index.ts';
import { telegramNotifier } from './telegram/index.ts';
import { webhookNotifier } from './webhook/index.ts';

/** Every channel type, once: a missing or extra entry is a compile error. Adding a provider: a folder and a line here. */
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
} satisfies Record<ChannelType, Notifier>;
