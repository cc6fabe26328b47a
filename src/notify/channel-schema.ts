import { z } from 'zod';
import { CHANNEL_TYPES, notifiers, type ChannelType, type Notifiers } from './registry.ts';
import { channelRuleFields } from './routing/channel-rules.ts';

function variant<T extends ChannelType>(type: T) {
  return z.object({ type: z.literal(type), ...channelRuleFields, ...notifiers[type].fields.shape }).strict();
}

/** What `variant(type)` makes for one type: its literal, the routing fields, the provider's own fields. */
type ChannelVariant<T extends ChannelType> =
  Notifiers[T]['fields'] extends z.ZodObject<infer Shape>
    ? z.ZodObject<z.util.Flatten<{ type: z.ZodLiteral<T> } & typeof channelRuleFields & Shape>, z.core.$strict>
    : never;
type AnyChannelVariant = { [T in ChannelType]: ChannelVariant<T> }[ChannelType];

/**
 * A notification channel as the config file and the admin API write it: the routing fields every channel has, plus
 * its type's own fields (each provider's zod schema), one variant per registered type, so that a config narrows by
 * `type`. The config shape is a contract (README "Notifications").
 */
export const channelSchema = z.discriminatedUnion(
  'type',
  CHANNEL_TYPES.map((t) => variant(t)) as [AnyChannelVariant, ...AnyChannelVariant[]],
);
export type ChannelConfig = z.infer<typeof channelSchema>;

/** The field names of a type that hold secrets (never logged, never returned by the API). */
export function secretFieldsOf(type: ChannelType): readonly string[] {
  return notifiers[type].secretFields;
}
