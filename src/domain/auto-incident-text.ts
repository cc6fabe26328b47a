import { formatDuration } from './duration.ts';
import type { ComponentStatus } from './statuses.ts';

/** The words auto incidents use for component statuses: "Public API is down", "went from a partial outage to a major outage". */
const STATE_PHRASE = {
  operational: 'is operational',
  under_maintenance: 'is under maintenance',
  degraded_performance: 'has degraded performance',
  partial_outage: 'has a partial outage',
  major_outage: 'is down',
} as const satisfies Record<ComponentStatus, string>;

const STATE_NOUN = {
  operational: 'operational',
  under_maintenance: 'under maintenance',
  degraded_performance: 'degraded performance',
  partial_outage: 'a partial outage',
  major_outage: 'a major outage',
} as const satisfies Record<ComponentStatus, string>;

export interface NamedChange {
  name: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}

/** "Public API is down" / "Public API has a partial outage". */
export function incidentName(componentName: string, status: ComponentStatus): string {
  return `${componentName} ${STATE_PHRASE[status]}`;
}

/** "Public API is down. Last error: connect ECONNREFUSED 127.0.0.1:9" */
export function openingBody(componentName: string, status: ComponentStatus, lastError: string | null): string {
  const problem = `${incidentName(componentName, status)}.`;
  return lastError ? `${problem} Last error: ${lastError}` : problem;
}

/** "Public API went from a partial outage to a major outage." — one sentence per changed component. */
export function changeBody(changes: readonly NamedChange[]): string {
  return changes.map((c) => `${c.name} went from ${STATE_NOUN[c.oldStatus]} to ${STATE_NOUN[c.newStatus]}.`).join(' ');
}

/** "Public API is operational again after 4m 12s." (degraded components are said to be back up, but degraded) */
export function resolutionBody(
  components: readonly { name: string; status: ComponentStatus }[],
  downtimeMs: number,
): string {
  const after = formatDuration(Math.max(0, downtimeMs));
  const degraded = components.filter((c) => c.status === 'degraded_performance').map((c) => c.name);
  const all = components.map((c) => c.name);
  if (degraded.length === 0)
    return `${listOf(all)} ${all.length === 1 ? 'is' : 'are'} operational again after ${after}.`;
  const still = `${listOf(degraded)} still ${degraded.length === 1 ? 'has' : 'have'} degraded performance.`;
  return `${listOf(all)} ${all.length === 1 ? 'is' : 'are'} back up after ${after}; ${still}`;
}

/**
 * The components' statuses as one update recorded them, one sentence each: "Public API went from a partial outage
 * to a major outage." for a change, "Public API is down." otherwise. What an audience that sees only some of an
 * automatic incident's components reads instead of the engine's sentence about all of them.
 */
export function statusBody(changes: readonly NamedChange[]): string {
  return changes
    .map((c) => (c.oldStatus === c.newStatus ? `${incidentName(c.name, c.newStatus)}.` : changeBody([c])))
    .join(' ');
}

/** "Incident affecting Public API and Website": the title of an automatic incident whose opening component is not shown. */
export function affectingName(componentNames: readonly string[]): string {
  return `Incident affecting ${listOf(componentNames)}`;
}

/** "A", "A and B", "A, B and C" */
function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
