import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leasedCatalog } from './leased-catalog.ts';
import { leaseUnitsOf } from './lease-units.ts';

const monitors = ['a', 'b', 'shared', 'lone'].map((id) => ({ id }));
const components = [
  { id: 'api', config: { monitors: ['a', 'shared'] } },
  { id: 'web', config: { monitors: ['b', 'shared', 'missing'] } },
  { id: 'empty', config: { monitors: [] } },
];

test('a component with its monitors is one unit; a monitor in no component is its own; a shared monitor goes with the first component', () => {
  const units = leaseUnitsOf({ monitors, components });
  assert.deepEqual(units.units, ['c:api', 'c:web', 'c:empty', 'm:lone']);
  assert.deepEqual(Object.fromEntries(units.monitorsOf), {
    'c:api': ['a', 'shared'],
    'c:web': ['b'],
    'c:empty': [],
    'm:lone': ['lone'],
  });
  assert.deepEqual(units.componentsOf.get('m:lone'), []);
});

test('a worker’s catalog holds the monitors and components of the units it owns, and the rest whole', () => {
  const catalog = { monitors, components, pages: ['kept'] };
  const view = leasedCatalog(catalog, leaseUnitsOf(catalog), new Set(['c:web', 'm:lone']));
  assert.deepEqual(
    view.monitors.map((m) => m.id),
    ['b', 'lone'],
  );
  assert.deepEqual(
    view.components.map((c) => c.id),
    ['web'],
  );
  assert.deepEqual(view.pages, ['kept']);
});
