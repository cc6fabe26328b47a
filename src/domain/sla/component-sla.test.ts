import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MaintenanceWindow } from '../maintenance-windows.ts';
import type { StatusChange } from '../monitor-state.ts';
import type { MonitorStatus } from '../statuses.ts';
import { computeComponentSla, type ComponentSla } from './component-sla.ts';

const MIN = 60_000;
/** October 2026 in UTC: 31 days = 44,640 minutes. */
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
const window = (id: string, startMin: number, endMin: number, componentIds = ['api']): MaintenanceWindow => ({
  id,
  title: id,
  body: '',
  start: at(startMin),
  end: at(endMin),
  componentIds,
});
/** up since the day before the month */
const upBefore = (monitorId: string) => change(monitorId, -1440, 'unknown', 'up');

type Minutes = Partial<
  Record<'notExisting' | 'maintenance' | 'counted' | 'downtime' | 'partial' | 'major' | 'degraded' | 'noData', number>
>;

interface Row {
  name: string;
  monitorIds?: string[];
  createdAt?: number | null;
  changes: StatusChange[];
  maintenances?: MaintenanceWindow[];
  expected: Minutes & { uptime: number | null };
}

const rows: Row[] = [
  {
    name: 'no data: a monitor that never reported',
    changes: [],
    expected: { uptime: null, noData: 44640, counted: 44640, downtime: 0 },
  },
  { name: 'no monitors at all', monitorIds: [], changes: [], expected: { uptime: null, noData: 44640 } },
  {
    name: 'up all month',
    changes: [upBefore('m1')],
    expected: { uptime: 100, downtime: 0, noData: 0, counted: 44640 },
  },
  {
    // 100 × (1 − 60 / 44640) = 99.86559…
    name: 'one hour down',
    changes: [upBefore('m1'), change('m1', 1000, 'up', 'down'), change('m1', 1060, 'down', 'up')],
    expected: { uptime: 99.865, downtime: 60, major: 60, partial: 0 },
  },
  {
    // down from 2 h before the month until 01:30, down again 30 min before its end until after it: 90 + 30 = 120 → 99.73118…
    name: 'outages crossing both month boundaries',
    changes: [
      upBefore('m1'),
      change('m1', -120, 'up', 'down'),
      change('m1', 90, 'down', 'up'),
      change('m1', 44610, 'up', 'down'),
      change('m1', 44700, 'down', 'up'),
    ],
    expected: { uptime: 99.731, downtime: 120, major: 120 },
  },
  {
    // down [100, 400); maintenance A [50, 200) ∪ B [150, 250) = [50, 250) plus D's last hour: 260 min;
    // downtime 300 − 150 = 150; counted 44640 − 260 = 44380 → 100 × (1 − 150 / 44380) = 99.66200…
    name: 'overlapping maintenance windows, one crossing the month end, one for another component',
    changes: [upBefore('m1'), change('m1', 100, 'up', 'down'), change('m1', 400, 'down', 'up')],
    maintenances: [
      window('A', 50, 200),
      window('B', 150, 250),
      window('C', 300, 320, ['web']),
      window('D', 44580, 46080),
    ],
    expected: { uptime: 99.662, maintenance: 260, counted: 44380, downtime: 150 },
  },
  {
    // created on the 16th (minute 21600); down from the 11th to the 17th: only the 1440 minutes after creation count;
    // counted 44640 − 21600 = 23040 → 100 × (1 − 1440 / 23040) = 93.75
    name: 'component created mid-month, its monitor down before and after',
    createdAt: at(21600),
    changes: [upBefore('m1'), change('m1', 14400, 'up', 'down'), change('m1', 23040, 'down', 'up')],
    expected: { uptime: 93.75, notExisting: 21600, counted: 23040, downtime: 1440 },
  },
  {
    name: 'component created after the month',
    createdAt: TO + MIN,
    changes: [upBefore('m1')],
    expected: { uptime: null, notExisting: 44640, counted: 0 },
  },
  {
    name: 'component created before the month',
    createdAt: FROM - 1,
    changes: [upBefore('m1')],
    expected: { uptime: 100, notExisting: 0 },
  },
  {
    name: 'whole month in maintenance',
    changes: [upBefore('m1'), change('m1', 10, 'up', 'down')],
    maintenances: [window('all', -10, 50000)],
    expected: { uptime: null, maintenance: 44640, counted: 0, downtime: 0 },
  },
  {
    // a down [60, 180), b down [120, 150), b degraded [200, 260): partial 60 + 30, major 30, degraded 60 → 100 × (1 − 120 / 44640)
    name: 'two monitors: partial while one is down, major while both are, degraded apart',
    monitorIds: ['a', 'b'],
    changes: [
      upBefore('a'),
      upBefore('b'),
      change('a', 60, 'up', 'down'),
      change('b', 120, 'up', 'down'),
      change('b', 150, 'down', 'up'),
      change('a', 180, 'down', 'up'),
      change('b', 200, 'up', 'degraded'),
      change('b', 260, 'degraded', 'up'),
    ],
    expected: { uptime: 99.731, downtime: 120, partial: 90, major: 30, degraded: 60 },
  },
  {
    // b never reported: a alone down is partial (b is not down), and a's unknown first day is no data;
    // 100 × (1 − 10 / 44640) = 99.97759…
    name: 'a monitor first checked on day 2, another never',
    monitorIds: ['a', 'b'],
    changes: [change('a', 1440, 'unknown', 'up'), change('a', 2000, 'up', 'down'), change('a', 2010, 'down', 'up')],
    expected: { uptime: 99.977, noData: 1440, partial: 10, major: 0 },
  },
  {
    // down until 00:30: 100 × (1 − 30 / 44640) = 99.93279…
    name: 'status at the start taken from the first change in the month when none is before it',
    changes: [change('m1', 30, 'down', 'up')],
    expected: { uptime: 99.932, downtime: 30, noData: 0 },
  },
  {
    name: 'changes of other monitors are ignored',
    changes: [upBefore('m1'), change('other', 10, 'up', 'down')],
    expected: { uptime: 100, downtime: 0 },
  },
  {
    name: 'monitor in maintenance status counts as neither down nor no data',
    changes: [upBefore('m1'), change('m1', 10, 'up', 'maintenance'), change('m1', 70, 'maintenance', 'up')],
    expected: { uptime: 100, downtime: 0, noData: 0, maintenance: 0 },
  },
];

const fieldOf = {
  notExisting: 'notExistingMs',
  maintenance: 'maintenanceMs',
  counted: 'countedMs',
  downtime: 'downtimeMs',
  partial: 'partialOutageMs',
  major: 'majorOutageMs',
  degraded: 'degradedMs',
  noData: 'noDataMs',
} as const satisfies Record<keyof Minutes, keyof ComponentSla>;

for (const row of rows) {
  test(`component SLA: ${row.name}`, () => {
    const sla = computeComponentSla({
      componentId: 'api',
      from: FROM,
      to: TO,
      createdAt: row.createdAt ?? null,
      monitorIds: row.monitorIds ?? ['m1'],
      statusChanges: row.changes,
      maintenances: row.maintenances ?? [],
      incidents: [],
      now: TO + 5 * MIN,
    });
    const { uptime, ...minutes } = row.expected;
    assert.equal(sla.uptimePercent, uptime, 'uptime %');
    assert.equal(sla.periodMs, 44640 * MIN);
    for (const [key, value] of Object.entries(minutes))
      assert.equal(sla[fieldOf[key as keyof Minutes]] / MIN, value, key);
    assert.equal(sla.downtimeMs, sla.partialOutageMs + sla.majorOutageMs, 'downtime = partial + major');
    assert.equal(sla.countedMs, sla.periodMs - sla.notExistingMs - sla.maintenanceMs, 'counted');
  });
}
