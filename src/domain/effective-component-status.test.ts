import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveComponentStatus } from './effective-component-status.ts';
import type { Incident } from './incident.ts';
import type { ComponentStatus } from './statuses.ts';

function incident(
  source: 'auto' | 'manual',
  statuses: ComponentStatus[],
  opts: { resolved?: boolean; takenOverBy?: string } = {},
): Incident {
  return {
    id: 'i1',
    name: 'x',
    status: opts.resolved ? 'resolved' : 'investigating',
    impact: 'minor',
    source,
    componentIds: ['api'],
    createdAt: 0,
    updatedAt: 0,
    resolvedAt: opts.resolved ? 1 : null,
    updates: statuses.map((s, i) => ({
      id: `u${i}`,
      incidentId: 'i1',
      status: 'investigating',
      body: '',
      createdAt: i,
      affectedComponents: [{ componentId: 'api', oldStatus: 'operational', newStatus: s }],
    })),
    takenOverBy: opts.takenOverBy ?? null,
  };
}

const cases: {
  name: string;
  monitors: ComponentStatus;
  override?: ComponentStatus;
  incidents: Incident[];
  want: ComponentStatus;
}[] = [
  { name: 'monitors alone', monitors: 'partial_outage', incidents: [], want: 'partial_outage' },
  {
    name: 'override wins over worse monitors',
    monitors: 'major_outage',
    override: 'operational',
    incidents: [],
    want: 'operational',
  },
  {
    name: 'override wins over incidents',
    monitors: 'operational',
    override: 'degraded_performance',
    incidents: [incident('manual', ['major_outage'])],
    want: 'degraded_performance',
  },
  {
    name: 'manual incident makes it worse',
    monitors: 'operational',
    incidents: [incident('manual', ['partial_outage'])],
    want: 'partial_outage',
  },
  {
    name: 'latest update counts',
    monitors: 'operational',
    incidents: [incident('manual', ['major_outage', 'degraded_performance'])],
    want: 'degraded_performance',
  },
  {
    name: 'an incident never makes it better than the monitors',
    monitors: 'major_outage',
    incidents: [incident('manual', ['operational'])],
    want: 'major_outage',
  },
  {
    name: 'resolved incidents have no say',
    monitors: 'operational',
    incidents: [incident('manual', ['major_outage'], { resolved: true })],
    want: 'operational',
  },
  {
    name: 'automatic incidents follow the monitors',
    monitors: 'operational',
    incidents: [incident('auto', ['major_outage'])],
    want: 'operational',
  },
  {
    name: 'a taken-over one speaks like a manual one',
    monitors: 'operational',
    incidents: [incident('auto', ['partial_outage'], { takenOverBy: 'a@b.c' })],
    want: 'partial_outage',
  },
  {
    name: 'maintenance yields to a worse incident',
    monitors: 'under_maintenance',
    incidents: [incident('manual', ['major_outage'])],
    want: 'major_outage',
  },
  {
    name: 'maintenance stays over operational',
    monitors: 'under_maintenance',
    incidents: [incident('manual', ['operational'])],
    want: 'under_maintenance',
  },
];

for (const c of cases) {
  test(`effective component status: ${c.name}`, () => {
    assert.equal(effectiveComponentStatus('api', c.monitors, c.override, c.incidents), c.want);
  });
}
