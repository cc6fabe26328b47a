import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maintenanceStatusAt } from '../maintenance-windows.ts';
import { MAX_OCCURRENCES } from './expand-maintenance.ts';
import type { MaintenanceDefinition } from './maintenance-definition.ts';
import { maintenanceWindowsAround, nextOccurrence } from './maintenance-schedule.ts';

const at = (iso: string): number => Date.parse(iso);
const def = (id: string, fields: Partial<MaintenanceDefinition>): MaintenanceDefinition => ({
  id,
  title: id,
  body: '',
  time_zone: 'UTC',
  start: '',
  end: '',
  components: ['db'],
  ...fields,
});
const NOW = at('2026-06-10T12:00:00Z');

describe('maintenanceWindowsAround', () => {
  const defs = [
    def('later', { start: '2026-07-20T00:00:00Z', end: '2026-07-20T01:00:00Z' }),
    def('too-late', { start: '2026-09-20T00:00:00Z', end: '2026-09-20T01:00:00Z' }),
    def('too-old', { start: '2026-04-01T00:00:00Z', end: '2026-04-01T01:00:00Z' }),
    def('recent', { start: '2026-06-01T00:00:00Z', end: '2026-06-01T01:00:00Z' }),
    // Wednesdays 11:00–13:00 in Berlin (09:00–11:00Z in summer), so the 10 June one ended an hour ago.
    def('weekly', {
      time_zone: 'Europe/Berlin',
      start: '2026-05-27T11:00',
      end: '2026-05-27T13:00',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4' },
    }),
    def('now', { start: '2026-06-10T11:00:00Z', end: '2026-06-10T13:00:00Z' }),
  ];

  test('recent completed, current and upcoming windows, sorted by start', () => {
    const windows = maintenanceWindowsAround(defs, NOW);
    assert.deepEqual(
      windows.map((w) => [w.id, maintenanceStatusAt(w, NOW)]),
      [
        ['weekly~202605270900', 'completed'],
        ['recent', 'completed'],
        ['weekly~202606030900', 'completed'],
        ['weekly~202606100900', 'completed'],
        ['now', 'in_progress'],
        ['weekly~202606170900', 'scheduled'],
        ['later', 'scheduled'],
      ],
    );
  });

  test('pastMs and aheadMs set the horizon', () => {
    const windows = maintenanceWindowsAround(defs, NOW, { pastMs: 86_400_000, aheadMs: 86_400_000 });
    assert.deepEqual(
      windows.map((w) => w.id),
      ['weekly~202606100900', 'now'],
    );
  });

  test('a schedule too dense for the cap keeps the latest completed windows and the next ones', () => {
    const minutely = def('minutely', {
      start: '2026-01-01T00:00:00Z',
      end: '2026-01-01T00:00:30Z',
      recurrence: { cron: '* * * * *' },
    });
    const windows = maintenanceWindowsAround([minutely], NOW + 45_000);
    const completed = windows.filter((w) => w.end <= NOW + 45_000);
    const coming = windows.filter((w) => w.end > NOW + 45_000);
    assert.ok(completed.length > 0 && completed.length < MAX_OCCURRENCES);
    assert.equal(completed.at(-1)!.start, NOW, 'the one that just ended');
    assert.equal(coming.length, MAX_OCCURRENCES);
    assert.equal(coming[0]!.start, NOW + 60_000);
    assert.ok(
      windows.every((w, i) => i === 0 || w.start > windows[i - 1]!.start),
      'sorted, no duplicates',
    );
  });
});

describe('nextOccurrence', () => {
  const rows: [string, ReturnType<typeof def>, number, string | null][] = [
    ['a one-off in progress', def('once', { start: '2026-06-10T11:00:00Z', end: '2026-06-10T13:00:00Z' }), NOW, 'once'],
    ['a one-off that is over', def('once', { start: '2026-06-10T10:00:00Z', end: '2026-06-10T11:00:00Z' }), NOW, null],
    [
      'the running occurrence first',
      def('daily', { start: '2026-01-01T11:30:00Z', end: '2026-01-01T12:30:00Z', recurrence: { rrule: 'FREQ=DAILY' } }),
      NOW,
      'daily~202606101130',
    ],
    [
      'else the next one',
      def('daily', { start: '2026-01-01T10:00:00Z', end: '2026-01-01T11:00:00Z', recurrence: { rrule: 'FREQ=DAILY' } }),
      NOW,
      'daily~202606111000',
    ],
    [
      'years ahead',
      def('leap', { start: '2024-02-29T10:00:00Z', end: '2024-02-29T11:00:00Z', recurrence: { rrule: 'FREQ=YEARLY' } }),
      NOW,
      'leap~202802291000',
    ],
    [
      'after COUNT ran out',
      def('three', {
        start: '2026-01-01T10:00:00Z',
        end: '2026-01-01T11:00:00Z',
        recurrence: { rrule: 'FREQ=DAILY;COUNT=3' },
      }),
      NOW,
      null,
    ],
    [
      'after until',
      def('cron', {
        start: '2026-01-01T10:00:00Z',
        end: '2026-01-01T11:00:00Z',
        recurrence: { cron: '0 10 * * *', until: '2026-06-01T00:00:00Z' },
      }),
      NOW,
      null,
    ],
    [
      'cron next day',
      def('cron', { start: '2026-01-01T10:00:00Z', end: '2026-01-01T11:00:00Z', recurrence: { cron: '0 10 * * *' } }),
      NOW,
      'cron~202606111000',
    ],
  ];
  for (const [name, d, now, expected] of rows) {
    test(name, () => assert.equal(nextOccurrence(d, now)?.id ?? null, expected));
  }
});
