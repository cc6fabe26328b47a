import assert from 'node:assert/strict';
import { test } from 'node:test';
import { componentsInMaintenance, maintenanceStatusAt, type MaintenanceWindow } from './maintenance-windows.ts';

const w: MaintenanceWindow = {
  id: 'db',
  title: 'DB upgrade',
  body: '',
  start: 1000,
  end: 2000,
  componentIds: ['db', 'api'],
};

test('maintenance status by time', () => {
  const rows: [number, string][] = [
    [0, 'scheduled'],
    [999, 'scheduled'],
    [1000, 'in_progress'],
    [1999, 'in_progress'],
    [2000, 'completed'],
  ];
  for (const [now, expected] of rows) assert.equal(maintenanceStatusAt(w, now), expected, `at ${now}`);
});

test('components in maintenance only inside the window', () => {
  assert.deepEqual([...componentsInMaintenance([w], 1500)].sort(), ['api', 'db']);
  assert.equal(componentsInMaintenance([w], 2500).size, 0);
});
