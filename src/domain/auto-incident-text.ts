import type { CheckOutcome } from './check-outcome.ts';
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

/** What visitors read about a component in an outage, by what its checks saw: "Checkout is not responding". */
const OUTCOME_PHRASE = {
  not_responding: 'is not responding',
  errors: 'is returning errors',
  slow: 'is slow',
  unexpected_response: 'is not working as expected',
  certificate: 'has a security certificate problem',
  missed_heartbeat: 'has not checked in on time',
  failing: 'is down',
} as const satisfies Record<CheckOutcome, string>;

export interface NamedChange {
  name: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}

/**
 * The title of an automatic incident: "Checkout is not responding" (a major outage, by what the checks saw; "is down"
 * without more), "Checkout has a partial outage".
 */
export function incidentName(
  componentName: string,
  status: ComponentStatus,
  outcome: CheckOutcome = 'failing',
): string {
  if (status === 'major_outage') return `${componentName} ${OUTCOME_PHRASE[outcome]}`;
  return `${componentName} ${STATE_PHRASE[status]}`;
}

/**
 * The first update of an automatic incident, for visitors: "Checkout is returning errors." or, for a partial
 * outage, "Part of Checkout is not responding." The raw error stays with the operator (monitor results, alerts).
 */
export function openingBody(componentName: string, status: ComponentStatus, outcome: CheckOutcome): string {
  if (status === 'partial_outage') return `Part of ${componentName} ${OUTCOME_PHRASE[outcome]}.`;
  return `${incidentName(componentName, status, outcome)}.`;
}

/**
 * An automatic update as written before Pharos kept errors off it ("Public API is down. Last error: connect
 * ECONNREFUSED 127.0.0.1:9"), without the error: what a page that hides errors shows of incidents stored then.
 */
export function withoutLastError(body: string): string {
  const at = body.indexOf(' Last error: ');
  return at < 0 ? body : body.slice(0, at);
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
