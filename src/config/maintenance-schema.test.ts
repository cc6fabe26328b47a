import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
import { expandMaintenance } from '../domain/maintenance/expand-maintenance.ts';
import { maintenanceSchema } from './maintenance-schema.ts';

const base = {
  id: 'db-upgrade',
  title: 'DB upgrade',
  start: '2026-12-06T02:00',
  end: '2026-12-06T04:00',
  components: ['db'],
};

describe('maintenanceSchema', () => {
  test('accepts the existing form, local times, a time zone and both recurrence kinds', () => {
    const rows: Record<string, unknown>[] = [
      { start: '2026-12-01T02:00:00+01:00', end: '2026-12-01T04:00:00+01:00' },
      { time_zone: 'Europe/Berlin' },
      { start: '2026-12-06T02:00Z', end: '2026-12-06T04:00:00.000Z' },
      { time_zone: 'Europe/Berlin', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU;COUNT=10' } },
      { time_zone: 'Europe/Berlin', recurrence: { rrule: 'RRULE:FREQ=MONTHLY;BYDAY=1SU;UNTIL=20271231T230000Z' } },
      { time_zone: 'America/New_York', recurrence: { cron: '0 2 * * SUN', until: '2027-06-01T00:00' } },
    ];
    for (const fields of rows) {
      const result = maintenanceSchema.safeParse({ ...base, ...fields });
      assert.ok(result.success, `${JSON.stringify(fields)}: ${JSON.stringify(result.error?.issues)}`);
    }
    const parsed = maintenanceSchema.parse(base);
    assert.equal(parsed.time_zone, 'UTC');
    assert.equal(parsed.body, '');
  });

  test('rejects with the field and the reason', () => {
    const rows: [string, Record<string, unknown>, string, RegExp][] = [
      ['unknown time zone', { time_zone: 'Europe/Atlantis' }, 'time_zone', /unknown time zone "Europe\/Atlantis"/],
      ['end before start', { end: '2026-12-06T01:00' }, 'end', /end must be after start/],
      [
        'end equal to start in another spelling',
        { time_zone: 'Europe/Berlin', end: '2026-12-06T01:00:00Z' },
        'end',
        /end must be after start/,
      ],
      ['a date without a time', { start: '2026-12-06' }, 'start', /must be a date-time/],
      ['an impossible date', { start: '2026-02-30T02:00' }, 'start', /must be a date-time/],
      ['unknown field', { owner: 'ops' }, '', /owner/],
      ['no components', { components: [] }, 'components', /./],
      [
        'unknown RRULE frequency',
        { recurrence: { rrule: 'FREQ=FORTNIGHTLY' } },
        'recurrence.rrule',
        /invalid RRULE "FREQ=FORTNIGHTLY": FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY/,
      ],
      [
        'RRULE hour out of range',
        { recurrence: { rrule: 'FREQ=DAILY;BYHOUR=25' } },
        'recurrence.rrule',
        /BYHOUR values must be from 0 to 23, got "25"/,
      ],
      [
        'RRULE bad weekday',
        { recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SUN' } },
        'recurrence.rrule',
        /BYDAY value "SUN" is not a weekday/,
      ],
      ['RRULE without FREQ', { recurrence: { rrule: 'BYDAY=SU' } }, 'recurrence.rrule', /FREQ is required/],
      [
        'RRULE COUNT and UNTIL',
        { recurrence: { rrule: 'FREQ=DAILY;COUNT=2;UNTIL=20270101' } },
        'recurrence.rrule',
        /COUNT and UNTIL cannot both be given/,
      ],
      [
        'RRULE with DTSTART',
        { recurrence: { rrule: 'FREQ=DAILY;DTSTART=20260101T000000Z' } },
        'recurrence.rrule',
        /DTSTART is not allowed/,
      ],
      ['RRULE hourly', { recurrence: { rrule: 'FREQ=HOURLY' } }, 'recurrence.rrule', /FREQ=HOURLY is not supported/],
      [
        'RRULE garbage',
        { recurrence: { rrule: 'every sunday' } },
        'recurrence.rrule',
        /"EVERY SUNDAY" is not NAME=VALUE/,
      ],
      [
        'RRULE that never matches',
        { recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' } },
        'recurrence.rrule',
        /rrule gives no occurrence at or after start/,
      ],
      [
        'RRULE ending before its first match',
        { recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=20', until: '2026-12-10T00:00' } },
        'recurrence.rrule',
        /no occurrence between start and until/,
      ],
      [
        'cron with 6 fields',
        { recurrence: { cron: '0 0 2 * * SUN' } },
        'recurrence.cron',
        /invalid cron expression "0 0 2 \* \* SUN": cron needs 5 fields/,
      ],
      [
        'cron hour out of range',
        { recurrence: { cron: '0 25 * * *' } },
        'recurrence.cron',
        /invalid cron expression "0 25 \* \* \*": .*hour.*25/,
      ],
      ['cron that never matches', { recurrence: { cron: '0 2 30 2 *' } }, 'recurrence.cron', /never matches/],
      [
        'both rrule and cron',
        { recurrence: { rrule: 'FREQ=DAILY', cron: '0 2 * * *' } },
        'recurrence',
        /exactly one of rrule or cron/,
      ],
      ['neither rrule nor cron', { recurrence: {} }, 'recurrence', /exactly one of rrule or cron/],
      ['unknown recurrence field', { recurrence: { rrule: 'FREQ=DAILY', every: 'day' } }, 'recurrence', /every/],
      [
        'until before start',
        { recurrence: { rrule: 'FREQ=DAILY', until: '2026-12-01T00:00' } },
        'recurrence.until',
        /until must not be before start/,
      ],
      [
        'an RRULE too long',
        { recurrence: { rrule: `FREQ=DAILY;${'BYMONTH=1;'.repeat(60)}` } },
        'recurrence.rrule',
        /expected string to have <=500 characters/,
      ],
    ];
    for (const [name, fields, path, message] of rows) {
      const result = maintenanceSchema.safeParse({ ...base, ...fields });
      assert.equal(result.success, false, name);
      const issue = result.error!.issues.find((i) => i.path.join('.') === path);
      assert.ok(issue, `${name}: no issue at "${path}" in ${JSON.stringify(result.error!.issues)}`);
      assert.match(issue.message, message, name);
      assert.equal(result.error!.issues.length, 1, `${name}: one issue, not ${JSON.stringify(result.error!.issues)}`);
    }
  });

  test('the JSON Schema for editors describes the new fields', () => {
    const json = JSON.stringify(z.toJSONSchema(maintenanceSchema, { io: 'input', unrepresentable: 'any' }));
    for (const field of ['time_zone', 'recurrence', 'rrule', 'cron', 'until'])
      assert.ok(json.includes(`"${field}"`), field);
  });

  test('the README example, unquoted YAML date-times included, gives Sundays 02:30 Berlin time', () => {
    const yaml = `
id: db-patching
title: Weekly database patching
components: [db, api]
time_zone: Europe/Berlin
start: 2026-12-06T02:30
end: 2026-12-06T04:00
recurrence:
  rrule: FREQ=WEEKLY;BYDAY=SU
  until: 2027-06-30T00:00
`;
    const windows = expandMaintenance(maintenanceSchema.parse(parse(yaml)), 0, Date.parse('2030-01-01T00:00:00Z'));
    assert.deepEqual(
      windows.slice(0, 2).map((w) => [w.id, new Date(w.end).toISOString()]),
      [
        ['db-patching~202612060130', '2026-12-06T03:00:00.000Z'],
        ['db-patching~202612130130', '2026-12-13T03:00:00.000Z'],
      ],
    );
    assert.equal(windows.at(-1)!.id, 'db-patching~202706270030'); // 27 June 2027, summer time; 4 July is after until
  });
});
