import { channelSchema, type ChannelConfig } from '../../notify/channel-schema.ts';
import { redactChannel } from '../../notify/redact-channel.ts';
import { notifierFor } from '../../notify/registry.ts';
import type { CatalogSpec } from './catalog-spec.ts';

/** Notification channels: routed to by events, components and monitors; their secrets never leave the store. */
export const channelSpec: CatalogSpec<ChannelConfig> = {
  kind: 'channel',
  noun: 'notification channel',
  schema: channelSchema,
  idOf: (c) => c.id,
  redact: redactChannel,
  secretTarget: (c, path) => `${c.type} ${notifierFor(c).secretTarget(path)}`,
  async checkReferences(c, view) {
    const problems: [string, string][] = [];
    const components = new Set((await view.list('component')).map((o) => o.id));
    const monitors = new Set((await view.list('monitor')).map((o) => o.id));
    (c.components ?? []).forEach((id, i) => {
      if (!components.has(id)) problems.push([`components.${i}`, `no component with id "${id}"`]);
    });
    (c.monitors ?? []).forEach((id, i) => {
      if (!monitors.has(id)) problems.push([`monitors.${i}`, `no monitor with id "${id}"`]);
    });
    return problems;
  },
  blockDelete: async () => null,
};
