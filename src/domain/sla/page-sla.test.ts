import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../incident.ts';
import type { StatusChange } from '../monitor-state.ts';
import type { MonitorStatus } from '../statuses.ts';
import type { ComponentSlaInput } from './component-sla.ts';
import { computePageSla } from './page-sla.ts';

const MIN = 60_000;
const FROM = Date.UTC(2026, 9, 1);
const TO = Date.UTC(2026, 10, 1);
const at = (minutes: number) => FROM + minutes * MIN;
const change = (monitorId: string, minutes: number, from: MonitorStatus, to: MonitorStatus): StatusChange => ({
  monitorId,
  from,
  to,
  at: at(minutes),
  reason: null,
});
const shared: Incident = {
  id: 'shared',
  name: 'Database',
  status: 'resolved',
  impact: 'major',
  source: 'auto',
  componentIds: ['api', 'web'],
  createdAt: at(100),
  updatedAt: at(250),
  resolvedAt: at(250),
  updates: [],
};

const statusChanges = [
  change('a', -10, 'unknown', 'up'),
  change('w', -10, 'unknown', 'up'),
  change('a', 100, 'up', 'down'),
  change('w', 150, 'up', 'down'),
  change('a', 200, 'down', 'up'),
  change('w', 250, 'down', 'up'),
];

const input = (componentId: string, monitorIds: string[]): ComponentSlaInput => ({
  componentId,
  from: FROM,
  to: TO,
  createdAt: null,
  monitorIds,
  statusChanges,
  maintenances: [],
  incidents: [shared],
  now: TO,
});

test('page aggregate: mean of the uptime figures, union of downtime, distinct incidents', () => {
  // api down [100, 200), web down [150, 250): each 100 min → 100 × (1 − 100 / 44640) = 99.77598… → 99.775;
  // the union is [100, 250) = 150 min; "empty" has no data and stays out of the mean
  const page = computePageSla([input('api', ['a']), input('web', ['w']), input('empty', [])]);
  assert.deepEqual(
    page.components.map((c) => [c.componentId, c.uptimePercent, c.downtimeMs / MIN, c.incidents.length]),
    [
      ['api', 99.775, 100, 1],
      ['web', 99.775, 100, 1],
      ['empty', null, 0, 0],
    ],
  );
  assert.deepEqual(page.aggregate, {
    componentCount: 3,
    uptimePercent: 99.775,
    downtimeMs: 150 * MIN,
    downtime: [{ start: at(100), end: at(250) }],
    incidentCount: 1,
  });
});

test('page aggregate of nothing', () => {
  assert.deepEqual(computePageSla([]).aggregate, {
    componentCount: 0,
    uptimePercent: null,
    downtimeMs: 0,
    downtime: [],
    incidentCount: 0,
  });
});

test('mean is rounded down to 3 decimals', () => {
  // 100 and 99.731 (120 min down) → 99.8655 → 99.865
  const down = [
    change('x', -10, 'unknown', 'up'),
    change('x', 0, 'up', 'down'),
    change('x', 120, 'down', 'up'),
    change('y', -10, 'unknown', 'up'),
  ];
  const page = computePageSla([
    { ...input('x', ['x']), statusChanges: down },
    { ...input('y', ['y']), statusChanges: down },
  ]);
  assert.deepEqual(
    page.components.map((c) => c.uptimePercent),
    [99.731, 100],
  );
  assert.equal(page.aggregate.uptimePercent, 99.865);
});
