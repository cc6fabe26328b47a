import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import rrulePkg from 'rrule';
import { componentsInMaintenance, maintenanceStatusAt } from '../maintenance-windows.ts';
import { expandMaintenance, MAX_OCCURRENCES } from './expand-maintenance.ts';
import type { MaintenanceDefinition } from './maintenance-definition.ts';

const { RRule } = rrulePkg;
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const def = (fields: Partial<MaintenanceDefinition>): MaintenanceDefinition => ({
  id: 'db-upgrade',
  title: 'DB upgrade',
  body: '',
  time_zone: 'UTC',
  start: '',
  end: '',
  components: ['db'],
  ...fields,
});
/** [start, end] of each window, as compact UTC ISO strings */
const spans = (windows: { start: number; end: number }[]): string[] =>
  windows.map((w) => `${iso(w.start)}/${iso(w.end)}`);

describe('expandMaintenance', () => {
  test('a one-off window with an offset, when it overlaps [from, to)', () => {
    const once = def({ start: '2026-12-01T02:00:00+01:00', end: '2026-12-01T04:00:00+01:00' });
    const rows: [string, string, string, string[]][] = [
      ['before', '2026-11-01T00:00Z', '2026-12-01T01:00Z', []],
      ['touching the start', '2026-11-01T00:00Z', '2026-12-01T01:01Z', ['2026-12-01T01:00Z/2026-12-01T03:00Z']],
      ['inside', '2026-12-01T02:00Z', '2026-12-01T02:30Z', ['2026-12-01T01:00Z/2026-12-01T03:00Z']],
      ['after the end', '2026-12-01T03:00Z', '2026-12-31T00:00Z', []],
    ];
    for (const [name, from, to, expected] of rows)
      assert.deepEqual(spans(expandMaintenance(once, at(from), at(to))), expected, name);
    const [w] = expandMaintenance(once, 0, at('2030-01-01T00:00Z'));
    assert.deepEqual(w, {
      id: 'db-upgrade',
      title: 'DB upgrade',
      body: '',
      start: at('2026-12-01T01:00Z'),
      end: at('2026-12-01T03:00Z'),
      componentIds: ['db'],
    });
  });

  test('a local start is read in time_zone', () => {
    const rows: [string, string, string][] = [
      ['UTC', '2026-07-01T02:00', '2026-07-01T02:00Z'],
      ['Europe/Berlin', '2026-07-01T02:00', '2026-07-01T00:00Z'],
      ['Europe/Berlin', '2026-01-15T02:00', '2026-01-15T01:00Z'],
      ['America/New_York', '2026-07-01T02:00', '2026-07-01T06:00Z'],
      ['Europe/Berlin', '2026-07-01T02:00:00+05:00', '2026-06-30T21:00Z'], // an offset wins over time_zone
    ];
    for (const [zone, start, expected] of rows) {
      const [w] = expandMaintenance(
        def({ time_zone: zone, start, end: '2026-07-31T00:00' }),
        0,
        at('2030-01-01T00:00Z'),
      );
      assert.equal(iso(w!.start), expected, `${start} in ${zone}`);
    }
  });

  test('weekly 02:30 Sunday in Europe/Berlin keeps 02:30 local across both DST changes', () => {
    const weekly = def({
      time_zone: 'Europe/Berlin',
      start: '2026-03-15T02:30',
      end: '2026-03-15T04:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU' },
    });
    const cron = def({
      time_zone: 'Europe/Berlin',
      start: '2026-03-15T02:30',
      end: '2026-03-15T04:00',
      recurrence: { cron: '30 2 * * SUN' },
    });
    const expected = [
      '2026-03-15T01:30Z/2026-03-15T03:00Z', // 02:30 CET (+01:00)
      '2026-03-22T01:30Z/2026-03-22T03:00Z',
      // 29 March: clocks jump 02:00 → 03:00, so 02:30 does not exist; RFC 5545 reads it with the offset
      // before the gap: 01:30Z, which is 03:30 CEST. The window keeps its 90 minutes.
      '2026-03-29T01:30Z/2026-03-29T03:00Z',
      '2026-04-05T00:30Z/2026-04-05T02:00Z', // 02:30 CEST (+02:00)
    ];
    for (const d of [weekly, cron])
      assert.deepEqual(
        spans(expandMaintenance(d, at('2026-03-01T00:00Z'), at('2026-04-06T00:00Z'))),
        expected,
        JSON.stringify(d.recurrence),
      );
    const autumn = [
      '2026-10-18T00:30Z/2026-10-18T02:00Z',
      // 25 October: 02:30 happens twice; the first one (still +02:00) is the occurrence.
      '2026-10-25T00:30Z/2026-10-25T02:00Z',
      '2026-11-01T01:30Z/2026-11-01T03:00Z', // 02:30 CET again
    ];
    for (const d of [weekly, cron])
      assert.deepEqual(
        spans(expandMaintenance(d, at('2026-10-17T00:00Z'), at('2026-11-02T00:00Z'))),
        autumn,
        JSON.stringify(d.recurrence),
      );
  });

  test('RRULE weekly with COUNT, with UNTIL, and with recurrence.until', () => {
    const base = { start: '2026-01-04T22:00:00Z', end: '2026-01-04T23:00:00Z' }; // a Sunday
    const all = (recurrence: Record<string, string>): string[] =>
      expandMaintenance(def({ ...base, recurrence }), 0, at('2030-01-01T00:00Z')).map((w) => iso(w.start));
    const rows: [string, Record<string, string>, string[]][] = [
      [
        'COUNT=3',
        { rrule: 'FREQ=WEEKLY;BYDAY=SU;COUNT=3' },
        ['2026-01-04T22:00Z', '2026-01-11T22:00Z', '2026-01-18T22:00Z'],
      ],
      [
        'UTC UNTIL is inclusive',
        { rrule: 'FREQ=WEEKLY;UNTIL=20260118T220000Z' },
        ['2026-01-04T22:00Z', '2026-01-11T22:00Z', '2026-01-18T22:00Z'],
      ],
      [
        'UTC UNTIL just before',
        { rrule: 'FREQ=WEEKLY;UNTIL=20260118T215959Z' },
        ['2026-01-04T22:00Z', '2026-01-11T22:00Z'],
      ],
      [
        'date UNTIL keeps that whole day',
        { rrule: 'FREQ=WEEKLY;UNTIL=20260111' },
        ['2026-01-04T22:00Z', '2026-01-11T22:00Z'],
      ],
      [
        'INTERVAL=2 and COUNT',
        { rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=2' },
        ['2026-01-04T22:00Z', '2026-01-18T22:00Z'],
      ],
      [
        'recurrence.until',
        { rrule: 'FREQ=WEEKLY', until: '2026-01-12T00:00:00Z' },
        ['2026-01-04T22:00Z', '2026-01-11T22:00Z'],
      ],
      [
        'cron with until',
        { cron: '0 22 * * 0', until: '2026-01-18T22:00:00Z' },
        ['2026-01-04T22:00Z', '2026-01-11T22:00Z', '2026-01-18T22:00Z'],
      ],
    ];
    for (const [name, recurrence, expected] of rows) assert.deepEqual(all(recurrence), expected, name);
  });

  test('a local UNTIL is wall-clock time in time_zone', () => {
    const weekly = def({
      time_zone: 'America/New_York',
      start: '2026-01-04T22:00',
      end: '2026-01-04T23:00',
      recurrence: { rrule: 'FREQ=WEEKLY;UNTIL=20260111T220000' },
    });
    assert.deepEqual(
      expandMaintenance(weekly, 0, at('2030-01-01T00:00Z')).map((w) => iso(w.start)),
      ['2026-01-05T03:00Z', '2026-01-12T03:00Z'],
    );
  });

  test('cron in America/New_York follows local time through DST (8 March and 1 November 2026)', () => {
    const nightly = def({
      time_zone: 'America/New_York',
      start: '2026-03-06T00:00',
      end: '2026-03-06T00:30',
      recurrence: { cron: '0 1 * * *' },
    });
    const starts = (from: string, to: string): string[] =>
      expandMaintenance(nightly, at(from), at(to)).map((w) => iso(w.start));
    assert.deepEqual(starts('2026-03-06T00:00Z', '2026-03-10T00:00Z'), [
      '2026-03-06T06:00Z',
      '2026-03-07T06:00Z',
      '2026-03-08T06:00Z',
      '2026-03-09T05:00Z',
    ]);
    // 01:00 happens twice on 1 November: the first (EDT, -04:00) one counts.
    assert.deepEqual(starts('2026-10-31T00:00Z', '2026-11-03T00:00Z'), [
      '2026-10-31T05:00Z',
      '2026-11-01T05:00Z',
      '2026-11-02T06:00Z',
    ]);
    // An hourly job through the spring gap: 02:00 does not exist, it is 03:00 EDT, the same instant as 03:00 itself.
    const hourly = def({
      time_zone: 'America/New_York',
      start: '2026-03-08T00:00',
      end: '2026-03-08T00:10',
      recurrence: { cron: '0 * * * *' },
    });
    assert.deepEqual(
      expandMaintenance(hourly, at('2026-03-08T05:00Z'), at('2026-03-08T09:00Z')).map((w) => iso(w.start)),
      ['2026-03-08T05:00Z', '2026-03-08T06:00Z', '2026-03-08T07:00Z', '2026-03-08T08:00Z'],
    );
  });

  test('occurrences never start before start, and cron occurrences start at or after it', () => {
    const cron = def({
      start: '2026-01-07T12:00:00Z',
      end: '2026-01-07T13:00:00Z',
      recurrence: { cron: '0 12 * * 1' },
    }); // a Wednesday start, Mondays
    assert.deepEqual(
      expandMaintenance(cron, 0, at('2026-01-20T00:00Z')).map((w) => iso(w.start)),
      ['2026-01-12T12:00Z', '2026-01-19T12:00Z'],
    );
  });

  test('a window already running at from is included; ids name the definition and the UTC start', () => {
    const daily = def({
      start: '2026-01-01T23:00:00Z',
      end: '2026-01-02T01:00:00Z',
      recurrence: { rrule: 'FREQ=DAILY' },
    });
    const windows = expandMaintenance(daily, at('2026-01-05T00:30Z'), at('2026-01-06T00:00Z'));
    assert.deepEqual(
      windows.map((w) => w.id),
      ['db-upgrade~202601042300', 'db-upgrade~202601052300'],
    );
  });

  test('status moves scheduled → in_progress → completed, and components are in maintenance only inside', () => {
    const weekly = def({
      time_zone: 'Europe/Berlin',
      start: '2026-03-15T02:30',
      end: '2026-03-15T04:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU' },
      components: ['db', 'api'],
    });
    const [w] = expandMaintenance(weekly, at('2026-03-22T00:00Z'), at('2026-03-23T00:00Z'));
    const rows: [string, string, string[]][] = [
      ['2026-03-22T01:29Z', 'scheduled', []],
      ['2026-03-22T01:30Z', 'in_progress', ['api', 'db']],
      ['2026-03-22T02:59Z', 'in_progress', ['api', 'db']],
      ['2026-03-22T03:00Z', 'completed', []],
    ];
    for (const [now, status, components] of rows) {
      assert.equal(maintenanceStatusAt(w!, at(now)), status, now);
      assert.deepEqual([...componentsInMaintenance([w!], at(now))].sort(), components, now);
    }
  });

  test('at most MAX_OCCURRENCES windows, the earliest ones, for a minutely cron or a dense RRULE', () => {
    const minutely = def({
      start: '2020-01-01T00:00:00Z',
      end: '2020-01-01T00:00:30Z',
      recurrence: { cron: '* * * * *' },
    });
    const windows = expandMaintenance(minutely, at('2026-01-01T00:00Z'), at('2026-02-01T00:00Z'));
    assert.equal(windows.length, MAX_OCCURRENCES);
    assert.equal(iso(windows[0]!.start), '2026-01-01T00:00Z');
    assert.equal(iso(windows.at(-1)!.start), '2026-01-01T08:19Z');
    assert.equal(expandMaintenance(minutely, at('2026-01-01T00:00Z'), at('2026-02-01T00:00Z'), 3).length, 3);
    const quarterly = 'FREQ=DAILY;BYHOUR=' + Array.from({ length: 24 }, (_, h) => h).join(',') + ';BYMINUTE=0,15,30,45';
    const dense = def({ start: '2010-01-01T00:00:00Z', end: '2010-01-01T00:05:00Z', recurrence: { rrule: quarterly } });
    const denseWindows = expandMaintenance(dense, at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z'));
    assert.equal(denseWindows.length, MAX_OCCURRENCES);
    assert.equal(iso(denseWindows[0]!.start), '2026-01-01T00:00Z');
    assert.equal(new Set(denseWindows.map((w) => w.id)).size, MAX_OCCURRENCES);
  });

  test('skipping ahead past years of occurrences gives what rrule gives from the original DTSTART', () => {
    const start = '2016-02-29T10:00:00Z';
    const rules = [
      'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,FR',
      'FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,SA',
      'FREQ=MONTHLY;BYMONTHDAY=31',
      'FREQ=MONTHLY',
      'FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR',
      'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1',
      'FREQ=YEARLY',
      'FREQ=YEARLY;INTERVAL=2;BYWEEKNO=20;BYDAY=TU',
      'FREQ=DAILY;INTERVAL=10;BYHOUR=3,15;BYMINUTE=5',
    ];
    const from = at('2025-11-01T00:00Z');
    const to = at('2029-03-01T00:00Z');
    for (const rule of rules) {
      const reference = new RRule({ ...RRule.parseString(rule), dtstart: new Date(start) }, true)
        .between(new Date(from - 3_600_000 + 1), new Date(to - 1), true)
        .map((d) => iso(d.getTime()));
      const windows = expandMaintenance(
        def({ start, end: '2016-02-29T11:00:00Z', recurrence: { rrule: rule } }),
        from,
        to,
      );
      assert.ok(reference.length > 0, rule);
      assert.deepEqual(
        windows.map((w) => iso(w.start)),
        reference,
        rule,
      );
    }
  });

  test('a rule whose filters never match ends empty instead of walking to the year 9999', () => {
    // The schema rejects this rule; expansion must stay bounded anyway (rrule alone would take seconds).
    const never = {
      ...def({ start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z' }),
      recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' },
    };
    assert.deepEqual(expandMaintenance(never, at('2026-01-01T00:00Z'), at('2100-01-01T00:00Z')), []);
  });
});
