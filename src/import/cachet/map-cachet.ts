import type { ComponentStatus } from '../../domain/statuses.ts';
import { IdAllocator, slugFor } from '../import-ids.ts';
import { emptyPlan, type ImportedIncidentUpdate, type ImportPlan } from '../import-plan.ts';
import type { CachetData, CachetItem } from './read-cachet.ts';

/** Cachet's component statuses 1–4 (0: unknown, 3.x) */
const COMPONENT_STATUS: Record<number, ComponentStatus> = {
  1: 'operational',
  2: 'degraded_performance',
  3: 'partial_outage',
  4: 'major_outage',
};
/** Cachet's incident statuses: 0 scheduled (2.x maintenance), 1 investigating, 2 identified, 3 watching, 4 fixed */
const INCIDENT_STATUS: Record<number, ImportedIncidentUpdate['status']> = {
  1: 'investigating',
  2: 'identified',
  3: 'monitoring',
  4: 'resolved',
};

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
/** Cachet writes "2024-03-01 10:00:00" in its app time zone, which the API does not say: read as UTC (reported). */
function time(v: unknown): number {
  const text = str(v);
  if (!text) return NaN;
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
}

/**
 * Cachet (2.x or 3.x API) as a Pharos plan: components in their groups, incidents with their updates (the status
 * of the component named at creation kept on the first update), schedules as maintenances.
 */
export function mapCachet(data: CachetData): ImportPlan {
  const plan = emptyPlan();
  const { report } = plan;
  const groupName = new Map<string, string>();
  for (const g of data.groups) {
    const name = str(g.name).trim().slice(0, 200);
    if (!name) continue;
    groupName.set(str(g.id), name);
    const line = report.add('component group', name, `component group "${name}"`);
    plan.groups.push({ value: { id: slugFor(name, `group-${str(g.id)}`), name }, line });
  }
  const componentIds = new Map<string, string>();
  const ids = new IdAllocator('component');
  for (const c of [...data.components].sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0))) {
    const id = ids.take(str(c.name), str(c.id));
    componentIds.set(str(c.id), id);
    const group = groupName.get(str(c.group_id ?? c.component_group_id));
    const notes: string[] = [];
    const status = COMPONENT_STATUS[Number(c.status)];
    if (status && status !== 'operational')
      notes.push(`its current status (${status}) is not carried: set an override if it still holds`);
    if (c.enabled === false) notes.push('disabled in Cachet: shown in Pharos (leave it off a page to hide it)');
    if (str(c.link)) notes.push('its link is not carried');
    const line = report.add('component', str(c.name), `component ${id}${group ? ` in group "${group}"` : ''}`, notes);
    plan.components.push({
      value: {
        id,
        name: str(c.name).slice(0, 200) || id,
        ...(str(c.description) ? { description: str(c.description).slice(0, 2000) } : {}),
        ...(group ? { group } : {}),
        monitors: [],
      },
      line,
    });
  }
  const mids = new IdAllocator('maintenance');
  for (const i of data.incidents) {
    if (Number(i.status) === 0) schedule(plan, i, mids, componentIds, 'scheduled incident');
    else incident(plan, i, componentIds);
  }
  for (const s of data.schedules) schedule(plan, s, mids, componentIds, 'schedule');
  if (data.incidents.length + data.schedules.length > 0)
    report.add('dates', 'all', 'UTC', ["Cachet's API does not say its time zone: its dates are read as UTC"]);
  return plan;
}

function incident(plan: ImportPlan, i: CachetItem, componentIds: Map<string, string>): void {
  const notes = ['Cachet incidents have no impact: minor'];
  const componentId = componentIds.get(str(i.component_id));
  let componentStatus = COMPONENT_STATUS[Number(i.component_status)];
  if (componentId && !componentStatus) {
    componentStatus = 'partial_outage';
    notes.push("the component's status during it is not in Cachet's API: shown as a partial outage");
  }
  const updates = (Array.isArray(i.updates) ? (i.updates as CachetItem[]) : []).sort(
    (a, b) => time(a.created_at) - time(b.created_at),
  );
  if (i.updates_unavailable) notes.push('this Cachet has no incident updates: its message is the only update');
  const first: ImportedIncidentUpdate = {
    status: updates.length ? 'investigating' : (INCIDENT_STATUS[Number(i.status)] ?? 'investigating'),
    body: str(i.message).slice(0, 20_000) || '(no text)',
    at: time(i.occurred_at ?? i.created_at),
    components: componentId && componentStatus ? [{ id: componentId, status: componentStatus }] : [],
  };
  const rest: ImportedIncidentUpdate[] = updates.map((u) => ({
    status: INCIDENT_STATUS[Number(u.status)] ?? 'investigating',
    body: str(u.message).slice(0, 20_000) || '(no text)',
    at: time(u.created_at),
    components: [],
  }));
  const all = [first, ...rest];
  if (all.some((u) => Number.isNaN(u.at))) {
    plan.report.leftOut('incident', str(i.name), 'a date that does not read');
    return;
  }
  if (i.visible === false || i.visible === 0) notes.push('hidden in Cachet: public in Pharos');
  const line = plan.report.add('incident', str(i.name), `incident with ${all.length} update(s)`, notes);
  plan.incidents.push({
    value: { name: str(i.name).slice(0, 300) || 'Incident', impact: 'minor', updates: all },
    line,
  });
}

function schedule(
  plan: ImportPlan,
  s: CachetItem,
  mids: IdAllocator,
  componentIds: Map<string, string>,
  kind: string,
): void {
  const start = time(s.scheduled_at);
  const end = time(s.completed_at ?? s.scheduled_until);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    plan.report.leftOut(kind, str(s.name), 'no scheduled start and end');
    return;
  }
  const notes: string[] = [];
  const named = (Array.isArray(s.components) ? (s.components as Record<string, unknown>[]) : [])
    .map((c) => componentIds.get(str(c.component_id ?? c.id)))
    .filter((c): c is string => !!c);
  const single = componentIds.get(str(s.component_id));
  let components = [...new Set([...named, ...(single ? [single] : [])])];
  if (components.length === 0) {
    components = [...componentIds.values()];
    notes.push('names no component: it covers all of them');
  }
  const id = mids.take(str(s.name), str(s.id));
  const line = plan.report.add(kind, str(s.name), `maintenance ${id}`, notes);
  plan.maintenances.push({
    value: {
      id,
      title: str(s.name).slice(0, 300) || id,
      body: str(s.message).slice(0, 20_000),
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      components,
    },
    line,
  });
}
