import type { Incident } from '../domain/incident.ts';
import type { MaintenanceWindow } from '../domain/maintenance-windows.ts';
import { incidentEvent } from '../notify/events/incident-events.ts';
import { maintenanceEvent } from '../notify/events/maintenance-events.ts';
import type { EventLinks } from '../notify/events/monitor-events.ts';
import type { NotificationEvent } from '../notify/notification-event.ts';
import type { ChannelRule } from '../notify/routing/channel-rules.ts';
import { outboxRowsFor } from '../notify/routing/outbox-rows.ts';
import { subscriberRoutes } from '../notify/routing/subscriber-routes.ts';
import type { PageConfig } from '../config/page-schema.ts';
import type { ComponentConfig } from '../config/schema.ts';
import type { AdminStore } from '../store/admin-store.ts';
import type { ServiceContext } from './service-context.ts';

/** without a running server (the CLI): the default port on this machine */
const LOCAL_LINKS: EventLinks = { pageUrl: 'http://localhost:3000', adminUrl: 'http://localhost:3000/admin' };

/** The public and admin base URLs of this installation, for links in messages. */
export function linksOf(ctx: ServiceContext): EventLinks {
  return ctx.links ?? LOCAL_LINKS;
}

/** Outbox rows for an event, in the caller's transaction: to every channel and confirmed subscriber that wants it. */
export async function queueEvent(tx: AdminStore, event: NotificationEvent, now: number): Promise<void> {
  const [channels, subscribers, pages, components] = await Promise.all([
    tx.listCatalog('channel'),
    tx.listSubscribers(),
    tx.listCatalog('page'),
    tx.listCatalog('component'),
  ]);
  const rules = channels.map((c) => c.config as ChannelRule);
  const confirmed = subscriberRoutes(
    subscribers,
    pages.map((p) => p.config as PageConfig),
    components.map((c) => ({ id: c.id, group: (c.config as ComponentConfig).group })),
  );
  const rows = outboxRowsFor(event, { channels: rules, subscribers: confirmed }, now);
  if (rows.length > 0) await tx.enqueueNotifications(rows);
}

/** A person's change to an incident, told to the channels and subscribers in the same transaction. */
export async function queueIncidentNotifications(
  ctx: ServiceContext,
  tx: AdminStore,
  before: Incident | undefined,
  after: Incident,
  now: number,
): Promise<void> {
  const components = await tx.listCatalog('component');
  const names = new Map(components.map((c) => [c.id, (c.config as { name: string }).name]));
  const event = incidentEvent(
    before,
    after,
    names,
    (id) => {
      const said = after.updates.at(-1)?.affectedComponents.find((a) => a.componentId === id);
      return said?.newStatus ?? 'operational';
    },
    linksOf(ctx),
  );
  if (event) await queueEvent(tx, event, now);
}

/** A maintenance just scheduled (its next window), told in the same transaction. */
export async function queueMaintenanceScheduled(
  ctx: ServiceContext,
  tx: AdminStore,
  window: MaintenanceWindow,
  now: number,
): Promise<void> {
  const components = await tx.listCatalog('component');
  const names = new Map(components.map((c) => [c.id, (c.config as { name: string }).name]));
  await queueEvent(tx, maintenanceEvent('maintenance.scheduled', window, names, now, linksOf(ctx)), now);
}
