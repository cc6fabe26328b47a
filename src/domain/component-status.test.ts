import assert from 'node:assert/strict';
import { test } from 'node:test';
import { componentStatusOf } from './component-status.ts';
import type { ComponentStatus, MonitorStatus } from './statuses.ts';

const rows: [monitors: MonitorStatus[], inMaintenance: boolean, expected: ComponentStatus][] = [
  [[], false, 'operational'],
  [['unknown'], false, 'operational'],
  [['unknown', 'unknown'], false, 'operational'],
  [['up'], false, 'operational'],
  [['up', 'up'], false, 'operational'],
  [['down'], false, 'major_outage'],
  [['down', 'down'], false, 'major_outage'],
  [['down', 'unknown'], false, 'major_outage'],
  [['down', 'up'], false, 'partial_outage'],
  [['down', 'degraded'], false, 'partial_outage'],
  [['down', 'maintenance'], false, 'partial_outage'],
  [['degraded'], false, 'degraded_performance'],
  [['up', 'degraded'], false, 'degraded_performance'],
  [['maintenance', 'degraded'], false, 'degraded_performance'],
  [['maintenance'], false, 'under_maintenance'],
  [['maintenance', 'unknown'], false, 'under_maintenance'],
  [['maintenance', 'up'], false, 'operational'],
  [['down'], true, 'under_maintenance'],
  [[], true, 'under_maintenance'],
];

for (const [monitors, inMaintenance, expected] of rows) {
  test(`componentStatusOf([${monitors.join(', ')}], ${inMaintenance}) is ${expected}`, () => {
    assert.equal(componentStatusOf(monitors, inMaintenance), expected);
  });
}
