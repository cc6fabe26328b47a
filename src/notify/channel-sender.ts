import type { Dispatcher } from 'undici';
import type { EgressGuard } from '../egress/egress-policy.ts';
import type { ChannelConfig } from './channel-schema.ts';
import type { ChannelSender } from './outbox-worker.ts';
import { notifierFor } from './registry.ts';

/** A configured channel, ready for the outbox worker: its provider's send with the channel's own fields. */
export function channelSender(
  config: ChannelConfig,
  egress: { dispatcher: Dispatcher; guard: EgressGuard },
): ChannelSender {
  const { send } = notifierFor(config);
  return {
    id: config.id,
    dispatcher: egress.dispatcher,
    egress: egress.guard,
    coalesceAfter: config.coalesce_after,
    ratePerMinute: config.rate_per_minute,
    send,
  };
}
