import type { Incident } from '../../../domain/incident.ts';
import type { ComponentStatus } from '../../../domain/statuses.ts';
import type { StatusModel } from '../status-model.ts';
import { isoTime, isoTimeOrNull } from './iso-time.ts';
import { renderComponentsOf } from './render-components.ts';
import type { StatuspageAffectedComponent, StatuspageIncident } from './statuspage-schema.ts';

export interface ComponentChange {
  componentId: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}

/** An incident as Statuspage shows it: updates newest first, the affected components with their current status. */
export function renderIncident(model: StatusModel, incident: Incident): StatuspageIncident {
  const monitoringAt = incident.updates.find((u) => u.status === 'monitoring')?.createdAt ?? null;
  return {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    created_at: isoTime(incident.createdAt),
    updated_at: isoTime(incident.updatedAt),
    monitoring_at: isoTimeOrNull(monitoringAt),
    resolved_at: isoTimeOrNull(incident.resolvedAt),
    impact: incident.impact,
    shortlink: incidentUrl(model, incident.id),
    started_at: isoTime(incident.createdAt),
    page_id: model.page.id,
    incident_updates: [...incident.updates].reverse().map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: incident.id,
      created_at: isoTime(u.createdAt),
      updated_at: isoTime(u.createdAt),
      display_at: isoTime(u.createdAt),
      affected_components: renderAffectedComponents(model, u.affectedComponents),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: renderComponentsOf(model, incident.componentIds),
  };
}

export function incidentUrl(model: StatusModel, incidentId: string): string {
  return `${model.page.url}/incidents/${encodeURIComponent(incidentId)}`;
}

/**
 * Statuspage sends null, not [], for an update that changed no component. Components not on the page are left out
 * (the page's model has already cut them away; this keeps a model built elsewhere from naming them either).
 */
export function renderAffectedComponents(
  model: StatusModel,
  changes: readonly ComponentChange[],
): StatuspageAffectedComponent[] | null {
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const shown = changes.flatMap((a) => {
    const name = names.get(a.componentId);
    return name === undefined ? [] : [{ code: a.componentId, name, old_status: a.oldStatus, new_status: a.newStatus }];
  });
  return shown.length === 0 ? null : shown;
}
