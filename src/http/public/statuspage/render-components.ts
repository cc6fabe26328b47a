import { COMPONENT_STATUSES, type ComponentStatus } from '../../../domain/statuses.ts';
import type { ModelComponent, StatusModel } from '../status-model.ts';
import { isoDate, isoTime } from './iso-time.ts';
import { stableId } from './stable-id.ts';
import type { StatuspageComponent, StatuspageGroup, StatuspageListedComponent } from './statuspage-schema.ts';

/**
 * Components as Statuspage lists them: a group is a component with `group: true` and the ids of its children,
 * listed just before them. Positions are 1-based within the parent, as Statuspage numbers them: groups and
 * ungrouped components among themselves, a group's children within the group. Top-level order is the order in
 * which a group or an ungrouped component first appears in the page's display order.
 */
export function renderComponents(model: StatusModel): StatuspageListedComponent[] {
  const out: StatuspageListedComponent[] = [];
  for (const [index, entry] of topLevelEntries(model).entries()) {
    if (entry.kind === 'component') {
      out.push(renderComponent(model, entry.component, index + 1));
      continue;
    }
    out.push(renderGroup(model, entry.name, entry.children, index + 1));
    for (const [k, child] of entry.children.entries()) out.push(renderComponent(model, child, k + 1));
  }
  return out;
}

/**
 * Rendered once per model: every incident and maintenance looks its components up here, and rendering all of them
 * per incident cost incidents × components (500 × 100 on a busy page) on every snapshot rebuild.
 */
const renderedByModel = new WeakMap<StatusModel, Map<string, StatuspageComponent>>();

/** The page's (non-group) components by id, with the same positions as in renderComponents. */
export function renderedComponentsById(model: StatusModel): Map<string, StatuspageComponent> {
  const cached = renderedByModel.get(model);
  if (cached) return cached;
  const byId = new Map<string, StatuspageComponent>();
  for (const c of renderComponents(model)) if (!c.group) byId.set(c.id, c);
  renderedByModel.set(model, byId);
  return byId;
}

/** Components for an incident or maintenance; ids no longer on the page are left out. */
export function renderComponentsOf(model: StatusModel, ids: readonly string[]): StatuspageComponent[] {
  const byId = renderedComponentsById(model);
  return ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [c] : [];
  });
}

export function groupId(name: string): string {
  return stableId('group', name);
}

type TopLevelEntry =
  { kind: 'component'; component: ModelComponent } | { kind: 'group'; name: string; children: ModelComponent[] };

function topLevelEntries(model: StatusModel): TopLevelEntry[] {
  const entries: TopLevelEntry[] = [];
  const groups = new Map<string, ModelComponent[]>();
  for (const c of model.components) {
    if (c.group === null || c.group === '') {
      entries.push({ kind: 'component', component: c });
      continue;
    }
    let children = groups.get(c.group);
    if (!children) {
      children = [];
      groups.set(c.group, children);
      entries.push({ kind: 'group', name: c.group, children });
    }
    children.push(c);
  }
  return entries;
}

function renderComponent(model: StatusModel, c: ModelComponent, position: number): StatuspageComponent {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: isoTime(c.createdAt),
    updated_at: isoTime(c.updatedAt),
    position,
    description: c.description,
    // showcase: Statuspage shows the uptime bar for the component; Pharos shows history for every component that
    // has data. A component with none yet keeps Statuspage's default status (operational: Statuspage has no
    // "unknown") and is not showcased: the page shows it grey, "No data yet".
    showcase: !c.noData,
    start_date: isoDate(c.createdAt),
    group_id: c.group ? groupId(c.group) : null,
    page_id: model.page.id,
    group: false,
    only_show_if_degraded: false,
  };
}

function renderGroup(
  model: StatusModel,
  name: string,
  children: readonly ModelComponent[],
  position: number,
): StatuspageGroup {
  return {
    id: groupId(name),
    name,
    status: worstOf(children.map((k) => k.status)),
    created_at: isoTime(Math.min(...children.map((k) => k.createdAt))),
    updated_at: isoTime(Math.max(...children.map((k) => k.updatedAt))),
    position,
    description: null,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: model.page.id,
    group: true,
    only_show_if_degraded: false,
    components: children.map((k) => k.id),
  };
}

/** A group shows its worst child (COMPONENT_STATUSES is ordered by severity). */
function worstOf(statuses: readonly ComponentStatus[]): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, COMPONENT_STATUSES.indexOf(s));
  return COMPONENT_STATUSES[worst]!;
}
