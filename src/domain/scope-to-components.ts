import { affectingName, resolutionBody, statusBody } from './auto-incident-text.ts';
import type { Incident, IncidentUpdate } from './incident.ts';
import type { MaintenanceWindow } from './maintenance-windows.ts';

/** The components an audience (one status page) may see: id → name. */
export type VisibleComponents = ReadonlyMap<string, string>;

/**
 * An incident as an audience that sees only some components sees it; undefined when it touches none of them.
 * Nothing of the result names a component the audience does not see:
 *
 * - `componentIds` and every update's `affectedComponents` keep the visible components only.
 * - An incident attached to no component at all is site-wide: everyone sees it.
 * - The words of an automatic incident are Pharos's own, built from the names of the components it touches, so
 *   where they involve a hidden component they are rebuilt from the visible ones: an update that concerned
 *   hidden components only is left out, one that concerned both says again what the visible ones went through,
 *   and the title becomes "Incident affecting …" when the component that opened it is hidden.
 * - The words of a person (a manual incident's title and updates, a postmortem) are shown as written: the person
 *   chose to attach the incident to a visible component.
 */
export function incidentSeenBy(incident: Incident, visible: VisibleComponents): Incident | undefined {
  const hidden = (id: string) => !visible.has(id);
  if (
    !incident.componentIds.some(hidden) &&
    !incident.updates.some((u) => u.affectedComponents.some((a) => hidden(a.componentId)))
  )
    return incident;
  const componentIds = incident.componentIds.filter((id) => visible.has(id));
  if (componentIds.length === 0 && incident.componentIds.length > 0) return undefined;
  const names = componentIds.map((id) => visible.get(id)!);
  const generated = incident.source === 'auto';
  const updates = incident.updates.flatMap((u): IncidentUpdate[] => {
    const affected = u.affectedComponents.filter((a) => visible.has(a.componentId));
    if (affected.length === u.affectedComponents.length) return [u];
    if (!generated) return [{ ...u, affectedComponents: affected }];
    if (affected.length === 0) return [];
    return [{ ...u, affectedComponents: affected, body: rebuiltBody(incident, u, affected, visible) }];
  });
  const latest = incident.updates.at(-1);
  // every update concerned hidden components only: one neutral line keeps the incident's timeline non-empty
  if (updates.length === 0 && latest)
    updates.push({ ...latest, affectedComponents: [], body: `${affectingName(names)}.` });
  const opener = incident.componentIds[0];
  return {
    ...incident,
    name: generated && opener !== undefined && hidden(opener) ? affectingName(names) : incident.name,
    componentIds,
    updates,
  };
}

/** What the engine would have written about the visible components alone. */
function rebuiltBody(
  incident: Incident,
  update: IncidentUpdate,
  affected: IncidentUpdate['affectedComponents'],
  visible: VisibleComponents,
): string {
  const named = affected.map((a) => ({
    name: visible.get(a.componentId)!,
    oldStatus: a.oldStatus,
    newStatus: a.newStatus,
  }));
  if (update.status === 'resolved')
    return resolutionBody(
      named.map((c) => ({ name: c.name, status: c.newStatus })),
      update.createdAt - incident.createdAt,
    );
  return statusBody(named);
}

/**
 * A maintenance window as an audience that sees only some components sees it: its visible components only;
 * undefined when it touches none of them (one attached to no component is site-wide). Its title and body are a
 * person's words, shown as written.
 */
export function maintenanceSeenBy(
  window: MaintenanceWindow,
  visible: VisibleComponents,
): MaintenanceWindow | undefined {
  const componentIds = window.componentIds.filter((id) => visible.has(id));
  if (componentIds.length === window.componentIds.length) return window;
  return componentIds.length === 0 ? undefined : { ...window, componentIds };
}
