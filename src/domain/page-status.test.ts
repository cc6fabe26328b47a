import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageHasNoData, pageStatus, type PageStatus } from './page-status.ts';
import type { SeverityRule } from './outage-severity.ts';
import type { ShownComponentStatus } from './shown-component-status.ts';
import type { IncidentImpact } from './statuses.ts';

const O = 'operational';
const D = 'degraded_performance';
const P = 'partial_outage';
const M = 'major_outage';
const U = 'under_maintenance';
const N = 'unknown';
const five = (...worse: ShownComponentStatus[]): ShownComponentStatus[] => [
  ...worse,
  ...Array(5 - worse.length).fill(O),
];

/** Statuspage's old Pharos reading: any major outage is a major system outage */
const anyMajor: SeverityRule = { criticalShare: 0, majorShare: 0 };
/** only a page that is entirely down is in a major outage */
const allOnly: SeverityRule = { criticalShare: 0.99, majorShare: 0.99 };

const rows: [
  components: ShownComponentStatus[],
  incidents: IncidentImpact[],
  rule: SeverityRule | undefined,
  indicator: PageStatus['indicator'],
  description: string,
][] = [
  [[], [], undefined, 'none', 'All Systems Operational'],
  [[O, O], [], undefined, 'none', 'All Systems Operational'],
  // scope: one component of five down is a partial system outage, most of them a major one
  [five(M), [], undefined, 'major', 'Partial System Outage'],
  [five(M, M), [], undefined, 'major', 'Partial System Outage'],
  [five(M, M, M), [], undefined, 'critical', 'Major System Outage'],
  [five(M, M, M, M, M), [], undefined, 'critical', 'Major System Outage'],
  [[M], [], undefined, 'critical', 'Major System Outage'],
  [[O, M], [], undefined, 'major', 'Partial System Outage'],
  [[M, M], [], undefined, 'critical', 'Major System Outage'],
  // severity: partial outages are minor until most of the page is partly out
  [five(P), [], undefined, 'minor', 'Minor Service Outage'],
  [five(P, P, P), [], undefined, 'major', 'Partial System Outage'],
  [five(P, M), [], undefined, 'major', 'Partial System Outage'],
  [[P], [], undefined, 'major', 'Partial System Outage'],
  [five(D), [], undefined, 'minor', 'Partially Degraded Service'],
  [[D, D], [], undefined, 'minor', 'Degraded System Service'],
  [five(D, P), [], undefined, 'minor', 'Minor Service Outage'],
  // the page's own rule
  [five(M), [], anyMajor, 'critical', 'Major System Outage'],
  [five(P), [], anyMajor, 'major', 'Partial System Outage'],
  [five(M, M, M, M), [], allOnly, 'major', 'Partial System Outage'],
  [five(M, M, M, M, M), [], allOnly, 'critical', 'Major System Outage'],
  // open incidents raise the indicator to their impact
  [[O], ['none'], undefined, 'none', 'All Systems Operational'],
  [[O], ['minor'], undefined, 'minor', 'Minor Service Outage'],
  [[O], ['major'], undefined, 'major', 'Partial System Outage'],
  [[O], ['critical'], undefined, 'critical', 'Major System Outage'],
  [five(M), ['major'], undefined, 'major', 'Partial System Outage'],
  [five(D), ['critical', 'minor'], undefined, 'critical', 'Major System Outage'],
  [[M], ['minor'], undefined, 'critical', 'Major System Outage'],
  // maintenance
  [[U], [], undefined, 'maintenance', 'Service Under Maintenance'],
  [[U, O], [], undefined, 'maintenance', 'Service Under Maintenance'],
  [[U], ['none'], undefined, 'none', 'All Systems Operational'],
  [[U], ['minor'], undefined, 'minor', 'Minor Service Outage'],
  [[U, D], [], undefined, 'minor', 'Partially Degraded Service'],
  [[U, M], [], undefined, 'major', 'Partial System Outage'],
  // components without data have no say, but count in the page's size
  [[N, N], [], undefined, 'none', 'No data yet'],
  [[N, O], [], undefined, 'none', 'All Systems Operational'],
  [[N, N, N, N, M], [], undefined, 'major', 'Partial System Outage'],
  [[N, U], [], undefined, 'maintenance', 'Service Under Maintenance'],
  [[N], ['minor'], undefined, 'minor', 'Minor Service Outage'],
];

for (const [components, incidents, rule, indicator, description] of rows) {
  const ruleName = rule ? ` with ${JSON.stringify(rule)}` : '';
  test(`pageStatus([${components.join(', ')}], [${incidents.join(', ')}])${ruleName} is ${indicator}: ${description}`, () => {
    assert.deepEqual(pageStatus(components, incidents, rule), { indicator, description });
  });
}

test('pageHasNoData: components, none of which has reported', () => {
  assert.equal(pageHasNoData([N, N]), true);
  assert.equal(pageHasNoData([N, O]), false);
  assert.equal(pageHasNoData([]), false);
});
