import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monitorsRecovered } from './incident-recovery.ts';
import type { MonitorStatus } from './statuses.ts';

const monitorsOf = new Map([
  ['api', ['api-http', 'api-tcp']],
  ['web', ['web-http']],
  ['empty', []],
]);
type Facts = Parameters<typeof monitorsRecovered>[0];
const base: Facts = { source: 'auto', takenOverBy: 'ops@example.com', resolvedAt: null, componentIds: ['api'] };

test('monitorsRecovered: taken-over, open, automatic incidents whose monitors are all up', () => {
  const rows: [string, Partial<Facts>, Record<string, MonitorStatus>, boolean][] = [
    ['all up', {}, { 'api-http': 'up', 'api-tcp': 'up' }, true],
    ['one still down', {}, { 'api-http': 'up', 'api-tcp': 'down' }, false],
    ['one degraded is not recovered', {}, { 'api-http': 'up', 'api-tcp': 'degraded' }, false],
    ['one never checked', {}, { 'api-http': 'up' }, false],
    [
      'nobody took it over: Pharos resolves it itself',
      { takenOverBy: null },
      { 'api-http': 'up', 'api-tcp': 'up' },
      false,
    ],
    ['written by people', { source: 'manual' }, { 'api-http': 'up', 'api-tcp': 'up' }, false],
    ['already resolved', { resolvedAt: 5 }, { 'api-http': 'up', 'api-tcp': 'up' }, false],
    ['components without monitors', { componentIds: ['empty'] }, {}, false],
    [
      'two components, all up',
      { componentIds: ['api', 'web'] },
      { 'api-http': 'up', 'api-tcp': 'up', 'web-http': 'up' },
      true,
    ],
    [
      'two components, one down',
      { componentIds: ['api', 'web'] },
      { 'api-http': 'up', 'api-tcp': 'up', 'web-http': 'down' },
      false,
    ],
  ];
  for (const [name, change, statuses, want] of rows)
    assert.equal(monitorsRecovered({ ...base, ...change }, monitorsOf, new Map(Object.entries(statuses))), want, name);
});
