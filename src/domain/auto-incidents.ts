import { changeBody, incidentName, openingBody, resolutionBody } from './auto-incident-text.ts';
import { checkOutcomeOf } from './check-outcome.ts';
import type { Incident, IncidentUpdate } from './incident.ts';
import { DEFAULT_SEVERITY_RULE, outageSeverity, type SeverityRule } from './outage-severity.ts';
import type { ComponentStatus } from './statuses.ts';

export interface AutoIncidentComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  /** the status before this evaluation (equal to `status` when nothing changed) */
  previousStatus: ComponentStatus;
  /** the component opens incidents by itself when it goes into an outage */
  autoIncident: boolean;
  /** the first error among its monitors: only its kind reaches the incident's words (checkOutcomeOf) */
  lastError: string | null;
}

export interface AutoIncidentInput {
  now: number;
  /** every component, changed or not: an incident is only resolved when all of its components are seen recovered */
  components: readonly AutoIncidentComponent[];
  openIncidents: readonly Incident[];
  /** how many components there are in all: an incident's impact is its scope among them (outageSeverity) */
  componentCount: number;
  /** default: Statuspage's (DEFAULT_SEVERITY_RULE); each page may judge its own view again (autoIncidentImpact) */
  severity?: SeverityRule;
  newId: () => string;
}

const OUTAGES: readonly ComponentStatus[] = ['partial_outage', 'major_outage'];
const RECOVERED: readonly ComponentStatus[] = ['operational', 'degraded_performance'];

/**
 * The incidents Pharos opens, updates and resolves by itself. Returns only incidents created or changed,
 * each a new object with its new update appended; inputs are never mutated.
 *
 * - A component with autoIncident that has just gone into a partial or major outage, and is not covered by
 *   an open 'auto' incident, gets a new incident in visitors' words, by what its checks saw ("Checkout is not
 *   responding", "Checkout has a partial outage" / "Part of Checkout is returning errors."); never the raw error.
 *   Its impact is the outage's scope among all components (outageSeverity: one of five down is major).
 *   It opens on the change, not on the level, so that an incident a person resolved stays resolved while
 *   the outage lasts (unless it worsens).
 * - An open auto incident all of whose components are operational or degraded is resolved, with the downtime.
 * - Otherwise, an open auto incident whose components changed status gets an update (same status)
 *   saying what changed, and its impact follows the severity of its components.
 * - under_maintenance never opens an incident, nor resolves one. Manual incidents, and automatic ones a person
 *   took over, are never touched.
 */
export function decideAutoIncidents(input: AutoIncidentInput): Incident[] {
  const byId = new Map(input.components.map((c) => [c.id, c]));
  const open = input.openIncidents.filter(
    (i) => i.source === 'auto' && i.status !== 'resolved' && i.status !== 'postmortem',
  );
  // one a person took over still covers its components (no second incident) but is theirs to update and resolve
  const changed = open
    .filter((i) => !i.takenOverBy)
    .flatMap((incident) => {
      const next = followUp(incident, byId, input);
      return next ? [next] : [];
    });
  const created = input.components
    .filter((c) => c.autoIncident && OUTAGES.includes(c.status) && c.status !== c.previousStatus)
    .filter((c) => !open.some((i) => i.componentIds.includes(c.id)))
    .map((c) => openIncident(c, input));
  return [...changed, ...created];
}

function openIncident(c: AutoIncidentComponent, input: AutoIncidentInput): Incident {
  const { now, newId } = input;
  const outcome = checkOutcomeOf(c.lastError);
  const id = newId();
  const update: IncidentUpdate = {
    id: newId(),
    incidentId: id,
    status: 'investigating',
    body: openingBody(c.name, c.status, outcome),
    createdAt: now,
    affectedComponents: [{ componentId: c.id, oldStatus: c.previousStatus, newStatus: c.status }],
  };
  return {
    id,
    name: incidentName(c.name, c.status, outcome),
    status: 'investigating',
    impact: impactOf([c.status], input),
    source: 'auto',
    componentIds: [c.id],
    createdAt: now,
    updatedAt: now,
    resolvedAt: null,
    updates: [update],
  };
}

/** The incident resolved or updated, or null when nothing about it changed (or some component is unknown). */
function followUp(
  incident: Incident,
  byId: Map<string, AutoIncidentComponent>,
  input: AutoIncidentInput,
): Incident | null {
  const { now, newId } = input;
  const components = incident.componentIds.map((id) => byId.get(id));
  if (components.length === 0 || !components.every((c) => c !== undefined)) return null;
  const recovered = components.every((c) => RECOVERED.includes(c.status));
  const moved = components.filter((c) => c.status !== c.previousStatus);
  if (!recovered && moved.length === 0) return null;

  const affected = (recovered ? components : moved).map((c) => ({
    componentId: c.id,
    oldStatus: c.previousStatus,
    newStatus: c.status,
  }));
  const update: IncidentUpdate = {
    id: newId(),
    incidentId: incident.id,
    status: recovered ? 'resolved' : incident.status,
    body: recovered
      ? resolutionBody(components, now - incident.createdAt)
      : changeBody(moved.map((c) => ({ name: c.name, oldStatus: c.previousStatus, newStatus: c.status }))),
    createdAt: now,
    affectedComponents: affected,
  };
  const worst = impactOf(
    components.map((c) => c.status),
    input,
  );
  return {
    ...incident,
    status: update.status,
    // a recovery keeps the impact the incident had; maintenance (impact none) does not erase it either
    impact: recovered || worst === 'none' ? incident.impact : worst,
    updatedAt: now,
    resolvedAt: recovered ? now : null,
    componentIds: [...incident.componentIds],
    updates: [...incident.updates, update],
  };
}

function impactOf(statuses: readonly ComponentStatus[], input: AutoIncidentInput) {
  return outageSeverity(statuses, input.componentCount, input.severity ?? DEFAULT_SEVERITY_RULE).impact;
}
