import { CHANNEL_TYPES, type ChannelType } from '../../notify/registry.ts';
import { notifiers } from '../../notify/registry.ts';

/** What the channel form's "provider fields" box starts with for each type: its notifier's template. */
export const CHANNEL_TEMPLATES: Readonly<Record<ChannelType, Record<string, unknown>>> = templatesByType();

function templatesByType(): Record<ChannelType, Record<string, unknown>> {
  const out = {} as Record<ChannelType, Record<string, unknown>>;
  for (const type of CHANNEL_TYPES) out[type] = notifiers[type].template;
  return out;
}

/** The provider's own field names (API issue paths under them belong to the provider box). */
export function providerFieldNames(type: ChannelType): string[] {
  return Object.keys(notifiers[type].fields.shape);
}

/** Each type as a select option: [type, pretty JSON template, its field names joined by spaces]. */
export const CHANNEL_TYPE_CHOICES = CHANNEL_TYPES.map((t) => ({
  type: t,
  template: JSON.stringify(CHANNEL_TEMPLATES[t], null, 2),
  fields: providerFieldNames(t).join(' '),
}));
