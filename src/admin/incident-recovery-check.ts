import type { ComponentConfig } from '../config/schema.ts';
import type { Incident } from '../domain/incident.ts';
import { monitorsRecovered } from '../domain/incident-recovery.ts';
import type { ServiceContext } from './service-context.ts';

/** The ids of the given incidents whose monitors recovered after someone took them over (see monitorsRecovered). */
export async function recoveredIncidentIds(ctx: ServiceContext, incidents: readonly Incident[]): Promise<Set<string>> {
  if (!incidents.some((i) => i.source === 'auto' && i.takenOverBy && i.resolvedAt === null)) return new Set();
  const [components, states] = await Promise.all([
    ctx.store.admin.listCatalog('component'),
    ctx.store.loadMonitorStates(),
  ]);
  const monitorsOf = new Map(components.map((c) => [c.id, (c.config as ComponentConfig).monitors ?? []]));
  const statusOf = new Map(states.map((s) => [s.monitorId, s.status]));
  return new Set(incidents.filter((i) => monitorsRecovered(i, monitorsOf, statusOf)).map((i) => i.id));
}
