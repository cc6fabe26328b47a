import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maintenanceSchema } from '../../config/maintenance-schema.ts';
import type { KumaMaintenance } from './kuma-data.ts';
import { mapKumaMaintenance } from './map-kuma-maintenance.ts';
import { simpleJsonPath } from './map-kuma-monitor.ts';

const base: KumaMaintenance = {
  id: 1,
  title: 'W',
  description: '',
  active: true,
  strategy: 'single',
  startDate: '2026-03-01 22:00:00',
  endDate: '2026-12-31 00:00:00',
  startTime: '23:30',
  endTime: '00:15',
  weekdays: [1, 7],
  daysOfMonth: [15, 'lastDay1'],
  intervalDay: 3,
  cron: '30 2 * * 1-5',
  duration: 90,
  timezone: 'Asia/Tokyo',
  monitorIds: [],
  statusPageIds: [],
};

/** [strategy, start, end, recurrence] */
const cases: [string, string, string, unknown][] = [
  ['single', '2026-03-01T22:00', '2026-12-31T00:00', undefined],
  [
    'recurring-interval',
    '2026-03-01T23:30',
    '2026-03-02T00:15',
    { rrule: 'FREQ=DAILY;INTERVAL=3', until: '2026-12-31T00:00' },
  ],
  [
    'recurring-weekday',
    '2026-03-01T23:30',
    '2026-03-02T00:15',
    { rrule: 'FREQ=WEEKLY;BYDAY=MO,SU', until: '2026-12-31T00:00' },
  ],
  [
    'recurring-day-of-month',
    '2026-03-01T23:30',
    '2026-03-02T00:15',
    { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15,-1', until: '2026-12-31T00:00' },
  ],
  ['cron', '2026-03-01T22:00', '2026-03-01T23:30', { cron: '30 2 * * 1-5', until: '2026-12-31T00:00' }],
];

for (const [strategy, start, end, recurrence] of cases)
  test(`Kuma maintenance ${strategy} → ${start}–${end}`, () => {
    const out = mapKumaMaintenance({ ...base, strategy }, 'w', ['c']);
    assert.ok(out.ok);
    assert.equal(out.value.start, start);
    assert.equal(out.value.end, end);
    assert.equal(out.value.time_zone, 'Asia/Tokyo');
    assert.deepEqual(out.value.recurrence, recurrence);
    const parsed = maintenanceSchema.safeParse(out.value);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });

test('manual and inactive maintenances are left out with why', () => {
  assert.deepEqual(mapKumaMaintenance({ ...base, strategy: 'manual' }, 'w', ['c']).ok, false);
  const inactive = mapKumaMaintenance({ ...base, active: false }, 'w', ['c']);
  assert.ok(!inactive.ok && /inactive/.test(inactive.reason));
});

/** [Kuma json path, Pharos [BODY] path or null] */
const paths: [string, string | null][] = [
  ['$.data.state', '.data.state'],
  ['data.items[0].name', '.data.items[0].name'],
  ['$', ''],
  ['$count(items)', null],
  ['data.items[status="up"]', null],
];
for (const [path, expected] of paths)
  test(`json path ${path} → ${String(expected)}`, () => assert.equal(simpleJsonPath(path), expected));
