import {
  COMPONENT_STATUSES,
  INCIDENT_IMPACTS,
  type ComponentStatus,
  type IncidentImpact,
} from '../../domain/statuses.ts';
import { IdAllocator, slugFor } from '../import-ids.ts';
import { emptyPlan, type ImportedIncidentUpdate, type ImportPlan } from '../import-plan.ts';
import type { StatuspageData, StatuspageIncident } from './statuspage-data.ts';

const UPDATE_STATUSES = new Set(['investigating', 'identified', 'monitoring', 'resolved']);
const isStatus = (s: unknown): s is ComponentStatus => (COMPONENT_STATUSES as readonly unknown[]).includes(s);
const isImpact = (s: unknown): s is IncidentImpact => (INCIDENT_IMPACTS as readonly unknown[]).includes(s);

/**
 * A Statuspage page as a Pharos plan: components (without monitors: their status comes from incidents and
 * overrides) under their groups, incidents with every update and the component statuses each set, scheduled
 * maintenances, and subscribers (email and webhook) with the consent state Statuspage recorded.
 */
export function mapStatuspage(data: StatuspageData): ImportPlan {
  const plan = emptyPlan();
  const { report } = plan;
  if (data.pageName) plan.title = data.pageName.slice(0, 200);
  const groupName = new Map<string, string>();
  for (const g of data.groups) {
    const name = g.name.trim().slice(0, 200);
    groupName.set(g.id, name);
    const line = report.add('component group', g.name, `component group "${name}"`);
    plan.groups.push({
      value: {
        id: slugFor(name, `group-${slugFor(g.id, 'x')}`),
        name,
        ...(g.description ? { description: g.description.slice(0, 2000) } : {}),
      },
      line,
    });
  }
  const memberOf = new Map<string, string>();
  for (const g of data.groups) for (const c of g.components ?? []) memberOf.set(c, g.id);

  const componentIds = new Map<string, string>();
  const ids = new IdAllocator('component');
  const sorted = [...data.components].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  for (const c of sorted) {
    const id = ids.take(c.name, c.id);
    componentIds.set(c.id, id);
    const group = groupName.get(c.group_id ?? memberOf.get(c.id) ?? '');
    const notes: string[] = [];
    if (c.status && c.status !== 'operational')
      notes.push(`its current status (${c.status}) is not carried: set an override if it still holds`);
    if (c.only_show_if_degraded) notes.push('"only show if degraded" not carried: always shown');
    const line = report.add('component', c.name, `component ${id}${group ? ` in group "${group}"` : ''}`, notes);
    plan.components.push({
      value: {
        id,
        name: c.name.slice(0, 200),
        ...(c.description ? { description: c.description.slice(0, 2000) } : {}),
        ...(group ? { group } : {}),
        monitors: [],
      },
      line,
    });
  }
  const componentsOf = (list: { code?: string; id?: string }[] | null | undefined) =>
    (list ?? []).map((c) => componentIds.get(c.code ?? c.id ?? '')).filter((c): c is string => !!c);

  for (const i of [...data.incidents].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at)))
    mapIncident(plan, i, componentIds);
  const mids = new IdAllocator('maintenance');
  for (const m of data.maintenances) {
    if (!m.scheduled_for || !m.scheduled_until) {
      report.leftOut('scheduled maintenance', m.name, 'no scheduled start and end');
      continue;
    }
    const notes: string[] = [];
    let components = componentsOf(m.components);
    if (components.length === 0) {
      components = [...componentIds.values()];
      notes.push('names no component: it covers all of them');
    }
    const updates = [...(m.incident_updates ?? [])].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    if (updates.length > 1) notes.push(`${updates.length} updates: the first one's text is its description`);
    const id = mids.take(m.name, m.id);
    const line = report.add('scheduled maintenance', m.name, `maintenance ${id}`, notes);
    plan.maintenances.push({
      value: {
        id,
        title: m.name.slice(0, 300),
        body: (updates[0]?.body ?? '').slice(0, 20_000),
        start: new Date(m.scheduled_for).toISOString(),
        end: new Date(m.scheduled_until).toISOString(),
        components,
      },
      line,
    });
  }
  mapSubscribers(plan, data, componentsOf);
  return plan;
}

function mapIncident(plan: ImportPlan, i: StatuspageIncident, componentIds: Map<string, string>): void {
  const notes: string[] = [];
  const raw = [...(i.incident_updates ?? [])].sort(
    (a, b) => Date.parse(a.display_at ?? a.created_at) - Date.parse(b.display_at ?? b.created_at),
  );
  const updates: ImportedIncidentUpdate[] = [];
  let postmortem = i.postmortem_body ?? undefined;
  for (const u of raw) {
    if (u.status === 'postmortem') {
      // the public API shows a published postmortem as an update; Pharos keeps it as the incident's postmortem
      postmortem ??= u.body ?? undefined;
      continue;
    }
    const status = UPDATE_STATUSES.has(u.status) ? (u.status as ImportedIncidentUpdate['status']) : null;
    if (!status) {
      notes.push(`an update with status "${u.status}" is shown as ${updates.at(-1)?.status ?? 'investigating'}`);
    }
    const components = (u.affected_components ?? [])
      .filter((a) => componentIds.has(a.code) && isStatus(a.new_status))
      .map((a) => ({ id: componentIds.get(a.code)!, status: a.new_status as ComponentStatus }));
    updates.push({
      status: status ?? updates.at(-1)?.status ?? 'investigating',
      body: (u.body ?? '').slice(0, 20_000) || '(no text)',
      at: Date.parse(u.display_at ?? u.created_at),
      components,
    });
  }
  if (updates.length === 0) {
    plan.report.leftOut('incident', i.name, 'no updates');
    return;
  }
  if (i.status === 'resolved' || i.status === 'postmortem') {
    if (updates.at(-1)!.status !== 'resolved') {
      updates.at(-1)!.status = 'resolved';
      notes.push('its last update is taken as the resolution');
    }
  }
  const impact = isImpact(i.impact) ? i.impact : 'minor';
  if (!isImpact(i.impact)) notes.push(`impact "${String(i.impact)}" read as minor`);
  const line = plan.report.add('incident', i.name, `incident with ${updates.length} update(s)`, notes);
  plan.incidents.push({
    value: {
      name: i.name.slice(0, 300),
      impact,
      updates,
      ...(postmortem ? { postmortem: postmortem.slice(0, 20_000) } : {}),
    },
    line,
  });
}

function mapSubscribers(
  plan: ImportPlan,
  data: StatuspageData,
  componentsOf: (list: { id?: string }[] | null | undefined) => string[],
): void {
  if (data.subscribers === null) {
    plan.report.leftOut(
      'subscribers',
      'all',
      'the public API does not list subscribers: import with --api-key and --page-id for them',
    );
    return;
  }
  for (const s of data.subscribers) {
    const who = s.mode === 'email' ? (s.email ?? '') : s.mode === 'webhook' ? (s.endpoint ?? '') : '';
    const label = `${s.mode ?? 'unknown'} subscriber ${s.id}`;
    if (s.state === 'quarantined') {
      plan.report.leftOut('subscriber', label, 'quarantined by Statuspage (its mail bounced): not carried');
      continue;
    }
    if (s.mode !== 'email' && s.mode !== 'webhook') {
      plan.report.leftOut('subscriber', label, `${s.mode ?? 'unknown'} subscriptions are not offered by Pharos`);
      continue;
    }
    if (!who) {
      plan.report.leftOut('subscriber', label, 'no address');
      continue;
    }
    const created = Date.parse(s.created_at ?? '') || Date.now();
    const componentIds = componentsOf((s.components ?? []).map((id) => ({ id })));
    const line = plan.report.add(
      'subscriber',
      label,
      `${s.mode} subscriber (${s.state === 'active' ? 'confirmed' : 'not confirmed: kept pending, it receives nothing'})`,
    );
    plan.subscribers.push({
      value: {
        kind: s.mode,
        target: who,
        componentIds,
        confirmedAt: s.state === 'active' ? created : null,
        createdAt: created,
      },
      line,
    });
  }
}
