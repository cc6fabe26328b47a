import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from '../config/schema.ts';
import type { Incident } from '../domain/incident.ts';
import { initialMonitorState, type MonitorState } from '../domain/monitor-state.ts';
import type { Catalog } from './catalog.ts';
import { StatusBoard } from './status-board.ts';

const T0 = 1_000_000;

/** components c1 (monitors m1, m2) and c2 (m3), or the subset named */
function catalog(componentIds = ['c1', 'c2'], overrides: Catalog['overrides'] = []): Catalog {
  const all = configSchema.parse({
    components: [
      { id: 'c1', name: 'One', monitors: ['m1', 'm2'] },
      { id: 'c2', name: 'Two', monitors: ['m3'] },
    ],
    monitors: ['m1', 'm2', 'm3'].map((id) => ({ id, type: 'tcp', host: '127.0.0.1', port: 1 })),
  });
  const components = all.components.filter((c) => componentIds.includes(c.id));
  const monitorIds = new Set(components.flatMap((c) => c.monitors));
  const stored = { managedBy: 'config' as const, createdAt: T0, archivedAt: null };
  return {
    monitors: all.monitors.filter((m) => monitorIds.has(m.id)).map((m) => ({ id: m.id, config: m, ...stored })),
    components: components.map((c, position) => ({ id: c.id, config: c, position, ...stored })),
    groups: [],
    pages: [],
    maintenances: [],
    overrides,
    channels: [],
    subscribers: [],
  };
}

const state = (monitorId: string, status: MonitorState['status']): MonitorState => ({
  ...initialMonitorState(monitorId),
  status,
  statusSince: T0,
});
const incident = (id: string, componentIds: string[], resolvedAt: number | null = null): Incident => ({
  id,
  name: id,
  status: resolvedAt === null ? 'investigating' : 'resolved',
  impact: 'major',
  source: 'auto',
  componentIds,
  createdAt: T0,
  updatedAt: T0,
  resolvedAt,
  updates: [],
});

test('resume: the catalog with what the store remembers (states of monitors still there, statuses, open incidents)', () => {
  const board = new StatusBoard();
  board.resume(catalog(), T0 + 5, {
    states: [state('m1', 'down'), state('removed', 'down')],
    statuses: new Map([['c1', { componentId: 'c1', status: 'major_outage', since: T0 }]]),
    incidents: [incident('i1', ['c1'])],
  });
  assert.deepEqual([...board.monitors.keys()], ['m1', 'm2', 'm3']);
  assert.deepEqual([...board.states.keys()], ['m1'], 'a state of a monitor no longer in the catalog is not resumed');
  assert.deepEqual(board.monitors.get('m1')?.componentIds, ['c1']);
  assert.deepEqual(
    [...board.components].map(([id, c]) => [id, c.status, c.since, c.fromMonitors]),
    [
      ['c1', 'major_outage', T0, 'major_outage'],
      ['c2', 'operational', T0 + 5, 'operational'],
    ],
  );
  assert.deepEqual([...board.openIncidents.keys()], ['i1']);
});

test('applyCatalog: kept monitors keep their state and kept components their status; removed ones leave; overrides replaced', () => {
  const board = new StatusBoard();
  board.applyCatalog(catalog(), T0);
  board.recordState(state('m1', 'down'));
  board.recordState(state('m3', 'down'));
  board.showComponentStatus('c1', 'partial_outage', T0 + 1);
  board.applyCatalog(
    catalog(['c1'], [{ componentId: 'c1', status: 'degraded_performance', note: null, setAt: T0, setBy: 'ada' }]),
    T0 + 2,
  );
  assert.deepEqual([...board.monitors.keys()], ['m1', 'm2']);
  assert.deepEqual([...board.states.keys()], ['m1']);
  assert.equal(board.stateOf('m1').status, 'down');
  assert.deepEqual(
    [...board.components].map(([id, c]) => [id, c.status, c.since]),
    [['c1', 'partial_outage', T0 + 1]],
  );
  assert.deepEqual([...board.overrides], [['c1', 'degraded_performance']]);
});

test('adoptUnits: the adopted components and their incidents come from the store; the rest of the board stays', () => {
  const board = new StatusBoard();
  board.resume(catalog(['c2']), T0, {
    states: [state('m3', 'down')],
    statuses: new Map(),
    incidents: [incident('old-c1', ['c1']), incident('i2', ['c2'])],
  });
  board.showComponentStatus('c2', 'major_outage', T0 + 1);
  board.adoptUnits(
    catalog(),
    T0 + 2,
    { monitorIds: new Set(['m1', 'm2']), componentIds: new Set(['c1']) },
    {
      states: [state('m1', 'down')],
      statuses: new Map([['c1', { componentId: 'c1', status: 'partial_outage', since: T0 - 50 }]]),
      incidents: [incident('new-c1', ['c1'])],
    },
  );
  assert.deepEqual([...board.openIncidents.keys()].sort(), ['i2', 'new-c1'], 'what the board had of c1 is forgotten');
  assert.deepEqual([...board.components].map(([id, c]) => [id, c.status, c.since]).sort(), [
    ['c1', 'partial_outage', T0 - 50],
    ['c2', 'major_outage', T0 + 1],
  ]);
  assert.equal(board.stateOf('m1').status, 'down');
  assert.equal(board.stateOf('m3').status, 'down');
  assert.equal(board.stateOf('m2').status, 'unknown');
});

test('followIncident: an open incident is kept, a resolved or deleted one leaves; the components it touched are returned', () => {
  const board = new StatusBoard();
  board.applyCatalog(catalog(), T0);
  assert.deepEqual([...board.followIncident('i1', incident('i1', ['c1']))], ['c1']);
  assert.deepEqual([...board.openIncidents.keys()], ['i1']);
  assert.deepEqual([...board.followIncident('i1', incident('i1', ['c2']))].sort(), ['c1', 'c2'], 'before and now');
  assert.deepEqual([...board.followIncident('i1', incident('i1', ['c2'], T0 + 1))], ['c2']);
  assert.equal(board.openIncidents.size, 0);
  board.followIncident('i2', incident('i2', ['c1']));
  assert.deepEqual([...board.followIncident('i2', undefined)], ['c1'], 'deleted');
  assert.equal(board.openIncidents.size, 0);
});

test('the board is changed only through its operations: the compiler refuses a write from outside', () => {
  const board = new StatusBoard();
  board.applyCatalog(catalog(), T0);
  const refused = () => {
    // @ts-expect-error the views are read-only
    board.states.set('m1', state('m1', 'down'));
    // @ts-expect-error the views are read-only
    board.openIncidents.delete('i1');
    // @ts-expect-error a component's status is set by showComponentStatus
    board.components.get('c1')!.status = 'major_outage';
    // @ts-expect-error replaced only by applyCatalog
    board.overrides = new Map();
  };
  assert.equal(typeof refused, 'function', 'never run: `npx tsc --noEmit` checks the lines above');
});
