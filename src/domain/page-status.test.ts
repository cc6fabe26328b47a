import assert from 'node:assert/strict';
import { test } from 'node:test';
import { incidentImpactFor } from './incident-impact.ts';
import { pageStatus, type PageStatus } from './page-status.ts';
import type { ComponentStatus, IncidentImpact } from './statuses.ts';

const rows: [
  components: ComponentStatus[],
  incidents: IncidentImpact[],
  indicator: PageStatus['indicator'],
  description: string,
][] = [
  [[], [], 'none', 'All Systems Operational'],
  [['operational', 'operational'], [], 'none', 'All Systems Operational'],
  [['operational', 'degraded_performance'], [], 'minor', 'Minor Service Outage'],
  [['operational', 'partial_outage'], [], 'major', 'Partial System Outage'],
  [['operational', 'major_outage'], [], 'critical', 'Major System Outage'],
  [['degraded_performance', 'partial_outage', 'major_outage'], [], 'critical', 'Major System Outage'],
  [['degraded_performance', 'partial_outage'], [], 'major', 'Partial System Outage'],
  [['operational'], ['none'], 'none', 'All Systems Operational'],
  [['operational'], ['minor'], 'minor', 'Minor Service Outage'],
  [['operational'], ['major'], 'major', 'Partial System Outage'],
  [['operational'], ['critical'], 'critical', 'Major System Outage'],
  [['degraded_performance'], ['critical', 'minor'], 'critical', 'Major System Outage'],
  [['major_outage'], ['minor'], 'critical', 'Major System Outage'],
  [['under_maintenance'], [], 'maintenance', 'Service Under Maintenance'],
  [['under_maintenance', 'operational'], [], 'maintenance', 'Service Under Maintenance'],
  [['under_maintenance', 'under_maintenance'], [], 'maintenance', 'Service Under Maintenance'],
  [['under_maintenance'], ['none'], 'none', 'All Systems Operational'],
  [['under_maintenance'], ['minor'], 'minor', 'Minor Service Outage'],
  [['under_maintenance', 'degraded_performance'], [], 'minor', 'Minor Service Outage'],
  [['under_maintenance', 'major_outage'], [], 'critical', 'Major System Outage'],
];

for (const [components, incidents, indicator, description] of rows) {
  test(`pageStatus([${components.join(', ')}], [${incidents.join(', ')}]) is ${indicator}`, () => {
    assert.deepEqual(pageStatus(components, incidents), { indicator, description });
  });
}

const impacts: [ComponentStatus, IncidentImpact][] = [
  ['operational', 'none'],
  ['under_maintenance', 'none'],
  ['degraded_performance', 'minor'],
  ['partial_outage', 'major'],
  ['major_outage', 'critical'],
];

for (const [status, impact] of impacts) {
  test(`incidentImpactFor(${status}) is ${impact}`, () => assert.equal(incidentImpactFor(status), impact));
}
