import { maintenanceStatusAt, type MaintenanceWindow } from '../../../domain/maintenance-windows.ts';
import type { MaintenanceStatus } from '../../../domain/statuses.ts';
import type { StatusModel } from '../status-model.ts';
import { isoTime } from './iso-time.ts';
import { renderComponentsOf } from './render-components.ts';
import { renderAffectedComponents, type ComponentChange } from './render-incident.ts';
import { stableId } from './stable-id.ts';
import type { StatuspageMaintenance, StatuspageMaintenanceUpdate } from './statuspage-schema.ts';

/** Statuspage's default texts for the automatic maintenance updates. */
const IN_PROGRESS_BODY = 'Scheduled maintenance is currently in progress. We will provide updates as necessary.';
const COMPLETED_BODY = 'The scheduled maintenance has been completed.';

type Phase = 'scheduled' | 'in_progress' | 'completed';

/**
 * A maintenance window as a Statuspage scheduled maintenance. Statuspage posts an update per phase
 * (scheduled → in_progress → completed); a window from the config has none, so one is synthesised for each
 * phase that has begun, newest first, with ids stable across rebuilds.
 *
 * The window has no creation time, so the `scheduled` update and `created_at` take its start.
 */
export function renderMaintenance(model: StatusModel, w: MaintenanceWindow): StatuspageMaintenance {
  const status = maintenanceStatusAt(w, model.builtAt);
  const id = maintenanceId(w);
  const updates = phasesBegun(status)
    .map((phase) => renderPhaseUpdate(model, w, id, phase))
    .reverse();
  return {
    id,
    name: w.title,
    status,
    created_at: isoTime(w.start),
    updated_at: updates[0]!.updated_at,
    monitoring_at: null,
    resolved_at: status === 'completed' ? isoTime(w.end) : null,
    impact: 'maintenance',
    shortlink: maintenanceUrl(model, w),
    started_at: isoTime(w.start),
    page_id: model.page.id,
    incident_updates: updates,
    components: renderComponentsOf(model, w.componentIds),
    scheduled_for: isoTime(w.start),
    scheduled_until: isoTime(w.end),
  };
}

export function maintenanceId(w: MaintenanceWindow): string {
  return stableId('maintenance', w.id);
}

export function maintenanceUrl(model: StatusModel, w: MaintenanceWindow): string {
  return `${model.page.url}/maintenance/${encodeURIComponent(w.id)}`;
}

function phasesBegun(status: MaintenanceStatus): Phase[] {
  switch (status) {
    case 'scheduled':
      return ['scheduled'];
    case 'in_progress':
    case 'verifying':
      return ['scheduled', 'in_progress'];
    case 'completed':
      return ['scheduled', 'in_progress', 'completed'];
  }
}

function renderPhaseUpdate(
  model: StatusModel,
  w: MaintenanceWindow,
  maintenanceId: string,
  phase: Phase,
): StatuspageMaintenanceUpdate {
  const at = isoTime(phase === 'completed' ? w.end : w.start);
  const change = PHASE_CHANGE[phase];
  const changes: ComponentChange[] = w.componentIds.map((componentId) => ({ componentId, ...change }));
  return {
    // the first phase keeps the id it had before phases were synthesised
    id: stableId('maintenance-update', phase === 'scheduled' ? w.id : `${w.id}:${phase}`),
    status: phase,
    body: phase === 'scheduled' ? w.body || w.title : phase === 'in_progress' ? IN_PROGRESS_BODY : COMPLETED_BODY,
    incident_id: maintenanceId,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: renderAffectedComponents(model, changes),
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  };
}

/** What each phase does to the affected components: scheduling changes nothing yet. */
const PHASE_CHANGE = {
  scheduled: { oldStatus: 'operational', newStatus: 'operational' },
  in_progress: { oldStatus: 'operational', newStatus: 'under_maintenance' },
  completed: { oldStatus: 'under_maintenance', newStatus: 'operational' },
} as const satisfies Record<Phase, Omit<ComponentChange, 'componentId'>>;
