import type { Incident } from '../../../domain/incident.ts';
import { maintenanceStatusAt, type MaintenanceWindow } from '../../../domain/maintenance-windows.ts';
import { pageStatus } from '../../../domain/page-status.ts';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../../domain/statuses.ts';
import { unresolvedIncidents, type ModelComponent, type StatusModel } from '../status-model.ts';
import { stableId } from './stable-id.ts';

/**
 * Atlassian Statuspage v2 JSON, field for field, from a status model. Times are ISO 8601; ids are stable strings.
 * Groups are components with `group: true` and the ids of their children, as Statuspage does.
 */
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A group shows its worst child (COMPONENT_STATUSES is ordered by severity). */
function worstOf(statuses: ComponentStatus[]): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, COMPONENT_STATUSES.indexOf(s));
  return COMPONENT_STATUSES[worst]!;
}

export function renderPage(model: StatusModel) {
  return { id: model.page.id, name: model.page.name, url: model.page.url, time_zone: 'Etc/UTC', updated_at: iso(model.updatedAt) };
}

export function renderComponents(model: StatusModel) {
  const groups = new Map<string, ModelComponent[]>();
  for (const c of model.components) if (c.group) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const out: Record<string, unknown>[] = [];
  const emittedGroups = new Set<string>();
  for (const c of model.components) {
    if (c.group && !emittedGroups.has(c.group)) {
      emittedGroups.add(c.group);
      const children = groups.get(c.group) ?? [];
      out.push({
        id: stableId('group', c.group),
        name: c.group,
        status: worstOf(children.map((k) => k.status)),
        created_at: iso(Math.min(...children.map((k) => k.createdAt))),
        updated_at: iso(Math.max(...children.map((k) => k.updatedAt))),
        position: out.length + 1,
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: model.page.id,
        group: true,
        only_show_if_degraded: false,
        components: children.map((k) => k.id),
      });
    }
    out.push(renderComponent(model, c, out.length + 1));
  }
  return out;
}

function renderComponent(model: StatusModel, c: ModelComponent, position: number) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position,
    description: c.description,
    showcase: true,
    start_date: new Date(c.createdAt).toISOString().slice(0, 10),
    group_id: c.group ? stableId('group', c.group) : null,
    page_id: model.page.id,
    group: false,
    only_show_if_degraded: false,
  };
}

function componentsOf(model: StatusModel, ids: readonly string[]) {
  const byId = new Map(model.components.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [renderComponent(model, c, c.position + 1)] : [];
  });
}

function nameOf(model: StatusModel, id: string): string {
  return model.components.find((c) => c.id === id)?.name ?? id;
}

export function renderIncident(model: StatusModel, incident: Incident) {
  const monitoringAt = incident.updates.find((u) => u.status === 'monitoring')?.createdAt ?? null;
  return {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: iso(monitoringAt),
    resolved_at: iso(incident.resolvedAt),
    impact: incident.impact,
    shortlink: `${model.page.url}/incidents/${incident.id}`,
    started_at: iso(incident.createdAt),
    page_id: model.page.id,
    incident_updates: [...incident.updates].reverse().map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: incident.id,
      created_at: iso(u.createdAt),
      updated_at: iso(u.createdAt),
      display_at: iso(u.createdAt),
      affected_components: u.affectedComponents.map((a) => ({
        code: a.componentId,
        name: nameOf(model, a.componentId),
        old_status: a.oldStatus,
        new_status: a.newStatus,
      })),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: componentsOf(model, incident.componentIds),
  };
}

export function renderMaintenance(model: StatusModel, w: MaintenanceWindow) {
  const status = maintenanceStatusAt(w, model.builtAt);
  const id = stableId('maintenance', w.id);
  const updatedAt = status === 'scheduled' ? w.start : status === 'in_progress' ? w.start : w.end;
  return {
    id,
    name: w.title,
    status,
    created_at: iso(w.start),
    updated_at: iso(updatedAt),
    monitoring_at: null,
    resolved_at: status === 'completed' ? iso(w.end) : null,
    impact: 'maintenance',
    shortlink: `${model.page.url}/maintenance/${w.id}`,
    started_at: iso(w.start),
    page_id: model.page.id,
    incident_updates: [
      {
        id: stableId('maintenance-update', w.id),
        status: 'scheduled',
        body: w.body || w.title,
        incident_id: id,
        created_at: iso(w.start),
        updated_at: iso(w.start),
        display_at: iso(w.start),
        affected_components: w.componentIds.map((cid) => ({ code: cid, name: nameOf(model, cid), old_status: 'operational', new_status: 'under_maintenance' })),
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
    ],
    components: componentsOf(model, w.componentIds),
    scheduled_for: iso(w.start),
    scheduled_until: iso(w.end),
  };
}

export function renderStatus(model: StatusModel) {
  return pageStatus(
    model.components.map((c) => c.status),
    unresolvedIncidents(model).map((i) => i.impact),
  );
}

/** /api/v2/summary.json */
export function renderSummary(model: StatusModel) {
  return {
    page: renderPage(model),
    components: renderComponents(model),
    incidents: unresolvedIncidents(model).map((i) => renderIncident(model, i)),
    scheduled_maintenances: model.maintenances.filter((w) => maintenanceStatusAt(w, model.builtAt) !== 'completed').map((w) => renderMaintenance(model, w)),
    status: renderStatus(model),
  };
}
