import { maintenanceStatusAt, type MaintenanceWindow } from '../../../domain/maintenance-windows.ts';
import type { MaintenanceStatus } from '../../../domain/statuses.ts';
import { unresolvedIncidents, type StatusModel } from '../status-model.ts';
import { renderIncident } from './render-incident.ts';
import { renderMaintenance } from './render-maintenance.ts';
import { STATUSPAGE_LIST_LIMIT } from './statuspage-paths.ts';
import type { StatuspageIncident, StatuspageMaintenance } from './statuspage-schema.ts';

/** The 50 most recent incidents of any status, newest first. */
export function renderRecentIncidents(model: StatusModel): StatuspageIncident[] {
  return [...model.incidents]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, STATUSPAGE_LIST_LIMIT)
    .map((i) => renderIncident(model, i));
}

/** Incidents still investigating, identified or monitoring, newest first. */
export function renderUnresolvedIncidents(model: StatusModel): StatuspageIncident[] {
  return unresolvedIncidents(model).map((i) => renderIncident(model, i));
}

/** The 50 most recent maintenances of any status, latest start first. */
export function renderRecentMaintenances(model: StatusModel): StatuspageMaintenance[] {
  return [...model.maintenances]
    .sort((a, b) => b.start - a.start)
    .slice(0, STATUSPAGE_LIST_LIMIT)
    .map((w) => renderMaintenance(model, w));
}

/** Maintenances in the given states, soonest first (the model keeps them by start time). */
export function renderMaintenancesIn(
  model: StatusModel,
  statuses: readonly MaintenanceStatus[],
): StatuspageMaintenance[] {
  const wanted = (w: MaintenanceWindow) => statuses.includes(maintenanceStatusAt(w, model.builtAt));
  return model.maintenances.filter(wanted).map((w) => renderMaintenance(model, w));
}

export const UPCOMING: readonly MaintenanceStatus[] = ['scheduled'];
export const ACTIVE: readonly MaintenanceStatus[] = ['in_progress', 'verifying'];
