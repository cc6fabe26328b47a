import type { StatusChange } from '../monitor-state.ts';
import type { MonitorStatus } from '../statuses.ts';
import type { TimeInterval } from './time-intervals.ts';

/** What a component went through, judged from its monitors alone (maintenance windows are applied later). */
export const COMPONENT_CONDITIONS = ['up', 'degraded', 'partial_outage', 'major_outage', 'no_data'] as const;
export type ComponentCondition = (typeof COMPONENT_CONDITIONS)[number];

export interface ConditionSpan extends TimeInterval {
  condition: ComponentCondition;
}

/**
 * A monitor's status at the start of `at`: the `to` of its last change before `at`, else the `from` of its first
 * change after (the same thing when the history is complete), else unknown.
 */
export function monitorStatusBefore(changes: readonly StatusChange[], at: number): MonitorStatus {
  let before: StatusChange | undefined;
  let after: StatusChange | undefined;
  for (const c of changes) {
    if (c.at < at) {
      if (!before || c.at >= before.at) before = c;
    } else if (!after || c.at < after.at) after = c;
  }
  return before?.to ?? after?.from ?? 'unknown';
}

/** Down while any monitor is down (major when all are), else degraded while any is, no data while none knows. */
export function conditionOf(statuses: readonly MonitorStatus[]): ComponentCondition {
  if (statuses.length === 0) return 'no_data';
  const down = statuses.filter((s) => s === 'down').length;
  if (down === statuses.length) return 'major_outage';
  if (down > 0) return 'partial_outage';
  if (statuses.includes('degraded')) return 'degraded';
  return statuses.every((s) => s === 'unknown') ? 'no_data' : 'up';
}

/**
 * The component's condition over [from, to), as consecutive spans (adjacent equal conditions merged).
 * `statusChanges` may hold any monitors' changes, from any time: each monitor starts at its status before `from`.
 */
export function componentTimeline(input: {
  from: number;
  to: number;
  monitorIds: readonly string[];
  statusChanges: readonly StatusChange[];
}): ConditionSpan[] {
  const { from, to, monitorIds } = input;
  if (to <= from) return [];
  const mine = new Set(monitorIds);
  const relevant = input.statusChanges.filter((c) => mine.has(c.monitorId));
  const status = new Map(
    monitorIds.map((id) => [
      id,
      monitorStatusBefore(
        relevant.filter((c) => c.monitorId === id),
        from,
      ),
    ]),
  );
  // stable sort keeps the stored order of changes that share an instant
  const inPeriod = relevant.filter((c) => c.at >= from && c.at < to).sort((a, b) => a.at - b.at);

  const spans: ConditionSpan[] = [];
  const emit = (start: number, end: number) => {
    if (end <= start) return;
    const condition = conditionOf([...status.values()]);
    const last = spans.at(-1);
    if (last && last.condition === condition && last.end === start) last.end = end;
    else spans.push({ start, end, condition });
  };
  let cursor = from;
  for (const c of inPeriod) {
    emit(cursor, c.at);
    cursor = Math.max(cursor, c.at);
    status.set(c.monitorId, c.to);
  }
  emit(cursor, to);
  return spans;
}
