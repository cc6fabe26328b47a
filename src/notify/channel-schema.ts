import { z } from 'zod';
import { CHANNEL_TYPES, type ChannelType } from './notifier.ts';
import { notifiers } from './registry.ts';
import { channelRuleFields } from './routing/channel-rules.ts';

function variant<T extends ChannelType>(type: T) {
  return z.object({ type: z.literal(type), ...channelRuleFields, ...notifiers[type].fields.shape }).strict();
}

/**
 * A notification channel as the config file and the admin API write it: the routing fields every channel has, plus
 * its type's own fields (each provider's zod schema). The config shape is a contract (README "Notifications").
 */
export const channelSchema = z.discriminatedUnion(
  'type',
  CHANNEL_TYPES.map((t) => variant(t)) as unknown as [ReturnType<typeof variant<'email'>>, ...ReturnType<typeof variant<ChannelType>>[]],
);
export type ChannelConfig = z.infer<typeof channelSchema>;

/** The field names of a type that hold secrets (never logged, never returned by the API). */
export function secretFieldsOf(type: ChannelType): readonly string[] {
  return notifiers[type].secretFields;
}
