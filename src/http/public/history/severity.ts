import type { IncidentImpact } from '../../../domain/statuses.ts';
import type { DayState } from '../status-model.ts';

/** Day states from best to worst; no_data is below everything so that any measurement replaces it. */
const ORDER: readonly DayState[] = [
  'no_data',
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
];

export function worseOf(a: DayState, b: DayState): DayState {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

export function stateForImpact(impact: IncidentImpact): DayState {
  return impact === 'critical'
    ? 'major_outage'
    : impact === 'major'
      ? 'partial_outage'
      : impact === 'minor'
        ? 'degraded_performance'
        : 'operational';
}
