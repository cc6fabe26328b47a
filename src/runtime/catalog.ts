import type { GroupConfig } from '../config/group-schema.ts';
import type { MaintenanceConfig } from '../config/schema.ts';
import type { PageConfig } from '../config/page-schema.ts';
import type { ChannelConfig } from '../notify/channel-schema.ts';
import type { ComponentOverride, SubscriberRecord } from '../store/admin-store.ts';
import type { Store, StoredComponent, StoredMonitor } from '../store/store.ts';

/**
 * Everything that defines what Pharos watches and shows, as the store holds it: the config file's objects (synced at
 * start) and the admin API's. The worker and the public side both read it; an admin change reloads it.
 */
export interface Catalog {
  monitors: StoredMonitor[];
  components: StoredComponent[];
  groups: GroupConfig[];
  pages: PageConfig[];
  maintenances: MaintenanceConfig[];
  overrides: ComponentOverride[];
  channels: { config: ChannelConfig; managedBy: 'config' | 'api' }[];
  /** confirmed subscribers only */
  subscribers: SubscriberRecord[];
}

export async function loadCatalog(store: Store): Promise<Catalog> {
  const [monitors, components, groups, pages, maintenances, overrides, channels, subscribers] = await Promise.all([
    store.listMonitors(),
    store.listComponents(),
    store.admin.listCatalog('group'),
    store.admin.listCatalog('page'),
    store.admin.listCatalog('maintenance'),
    store.admin.listComponentOverrides(),
    store.admin.listCatalog('channel'),
    store.admin.listSubscribers(),
  ]);
  return {
    monitors,
    components: [...components].sort((a, b) => a.position - b.position),
    groups: groups.map((g) => g.config as GroupConfig),
    pages: pages.map((p) => p.config as PageConfig),
    maintenances: maintenances.map((m) => m.config as MaintenanceConfig),
    overrides,
    channels: channels.map((c) => ({ config: c.config as ChannelConfig, managedBy: c.managedBy })),
    subscribers: subscribers.filter((s) => s.confirmedAt !== null),
  };
}
