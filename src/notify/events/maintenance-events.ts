import { maintenanceStatusAt, type MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { EventLinks } from './monitor-events.ts';

type Kind = 'maintenance.scheduled' | 'maintenance.started' | 'maintenance.completed';

/** One maintenance notification for one window (occurrence); its id is stable, so it is queued once. */
export function maintenanceEvent(
  kind: Kind,
  window: MaintenanceWindow,
  componentNames: ReadonlyMap<string, string>,
  now: number,
  links: EventLinks,
): NotificationEvent {
  return {
    id: `maint:${window.id}:${window.start}:${kind.slice('maintenance.'.length)}`,
    type: kind,
    at: now,
    pageUrl: links.pageUrl,
    components: window.componentIds.map((id) => ({
      id,
      name: componentNames.get(id) ?? id,
      status: kind === 'maintenance.started' ? 'under_maintenance' : 'operational',
    })),
    maintenance: {
      id: window.id,
      title: window.title,
      body: window.body,
      status: maintenanceStatusAt(window, now),
      start: window.start,
      end: window.end,
      url: `${links.pageUrl}/maintenance/${encodeURIComponent(window.id)}`,
    },
  };
}

/**
 * Windows that started or completed between two looks (previous: the ids in progress then). Each transition is
 * reported once by the caller keeping the in-progress set; a restart re-reports nothing that the outbox already has
 * (same event ids).
 */
export function maintenanceTransitions(
  windows: readonly MaintenanceWindow[],
  previouslyInProgress: ReadonlySet<string>,
  now: number,
): { started: MaintenanceWindow[]; completed: MaintenanceWindow[]; inProgress: Set<string> } {
  const inProgress = new Set<string>();
  const started: MaintenanceWindow[] = [];
  const completed: MaintenanceWindow[] = [];
  for (const w of windows) {
    const status = maintenanceStatusAt(w, now);
    if (status === 'in_progress') {
      inProgress.add(w.id);
      if (!previouslyInProgress.has(w.id)) started.push(w);
    } else if (status === 'completed' && previouslyInProgress.has(w.id)) completed.push(w);
  }
  return { started, completed, inProgress };
}
