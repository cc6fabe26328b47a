import type { Incident } from '../../domain/incident.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { EventLinks } from './monitor-events.ts';

/**
 * What changed between two versions of an incident, as a notification: created, resolved, or updated (a new update,
 * or a new status or impact). null when nothing worth telling changed (an edited word in an old update).
 */
export function incidentEvent(
  before: Incident | undefined,
  after: Incident,
  componentNames: ReadonlyMap<string, string>,
  componentStatus: (id: string) => NotificationEvent['components'][number]['status'],
  links: EventLinks,
): NotificationEvent | null {
  const last = after.updates.at(-1);
  let type: NotificationEvent['type'];
  if (!before) type = after.resolvedAt === null ? 'incident.created' : 'incident.resolved';
  else if (after.resolvedAt !== null && before.resolvedAt === null) type = 'incident.resolved';
  else if (
    after.updates.length > before.updates.length ||
    after.status !== before.status ||
    after.impact !== before.impact
  )
    type = 'incident.updated';
  else return null;
  return {
    id: `inc:${after.id}:${last?.id ?? after.updatedAt}:${type}`,
    type,
    at: after.updatedAt,
    pageUrl: links.pageUrl,
    components: after.componentIds.map((id) => ({
      id,
      name: componentNames.get(id) ?? id,
      status: componentStatus(id),
    })),
    incident: {
      id: after.id,
      name: after.name,
      status: after.status,
      impact: after.impact,
      body: last?.body ?? '',
      createdAt: after.createdAt,
      resolvedAt: after.resolvedAt,
      url: `${links.pageUrl}/incidents/${encodeURIComponent(after.id)}`,
    },
  };
}
