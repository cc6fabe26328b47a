import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shownComponentStatus, type ShownComponentStatus } from './shown-component-status.ts';
import type { ComponentStatus, MonitorStatus } from './statuses.ts';

const rows: [status: ComponentStatus, monitors: MonitorStatus[], shown: ShownComponentStatus][] = [
  ['operational', ['unknown'], 'unknown'],
  ['operational', ['unknown', 'unknown'], 'unknown'],
  ['operational', ['unknown', 'up'], 'operational'],
  ['operational', ['up'], 'operational'],
  // no monitors: a component people set by hand
  ['operational', [], 'operational'],
  // what a maintenance window, a person or an incident says is shown as it is
  ['under_maintenance', ['unknown'], 'under_maintenance'],
  ['major_outage', ['unknown'], 'major_outage'],
  ['degraded_performance', ['unknown'], 'degraded_performance'],
  ['partial_outage', ['down', 'unknown'], 'partial_outage'],
];

for (const [status, monitors, shown] of rows) {
  test(`shownComponentStatus(${status}, [${monitors.join(', ')}]) is ${shown}`, () =>
    assert.equal(shownComponentStatus(status, monitors), shown));
}
