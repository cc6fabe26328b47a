import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MaintenanceWindow } from '../../src/domain/maintenance-windows.ts';
import type { StatusChange } from '../../src/domain/monitor-state.ts';
import { MonthPeriodError } from '../../src/domain/sla/month-period.ts';
import type { MonitorStatus } from '../../src/domain/statuses.ts';
import { renderSlaCsv } from '../../src/reports/sla-csv.ts';
import { buildSlaReport, type SlaReportComponent } from '../../src/reports/sla-report.ts';
import { slaReportSchema } from '../../src/reports/sla-report-schema.ts';
import { batch, DAY, failure, HOUR, incident, MINUTE, result } from './fixtures.ts';
import { forEachStore } from './stores.ts';

/** January 2026 in UTC: 31 days = 44,640 minutes. */
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2026, 1, 1);
const NOW = TO + 9 * DAY;
const at = (minutes: number) => FROM + minutes * MINUTE;
const change = (monitorId: string, ms: number, from: MonitorStatus, to: MonitorStatus): StatusChange => ({
  monitorId,
  from,
  to,
  at: ms,
  reason: null,
});

const components: SlaReportComponent[] = [
  { id: 'sla-api', name: 'API', monitorIds: ['sla-a', 'sla-b'], createdAt: FROM - DAY },
  { id: 'sla-web', name: 'Web', monitorIds: ['sla-w'], createdAt: FROM + 15 * DAY },
  { id: 'sla-new', name: 'New', monitorIds: ['sla-n', 'sla-ghost'], createdAt: null },
];
const maintenances: MaintenanceWindow[] = [
  { id: 'mw', title: 'Upgrade', body: '', start: at(90), end: at(110), componentIds: ['sla-api'] },
  { id: 'mw-other', title: 'Elsewhere', body: '', start: at(0), end: at(1000), componentIds: ['someone-else'] },
];

forEachStore('SLA report', (h) => {
  test('monthly figures from status changes, maintenance, creation time, incidents and rollups', async () => {
    await h.addMonitors(['sla-a', 'sla-b', 'sla-w', 'sla-n']);
    await h.store.commitBatch(
      batch({
        statusChanges: [
          // the last change before the month is found 2 days, 40 days and 400 days back
          change('sla-b', FROM - 400 * DAY, 'unknown', 'up'),
          change('sla-a', FROM - 40 * DAY, 'unknown', 'up'),
          change('sla-w', FROM - 2 * DAY, 'unknown', 'down'),
          // api: a down [100, 160), b down [130, 150): partial 40, major 20; maintenance [90, 110) takes 10 of the partial
          change('sla-a', at(100), 'up', 'down'),
          change('sla-b', at(130), 'up', 'down'),
          change('sla-b', at(150), 'down', 'up'),
          change('sla-a', at(160), 'down', 'up'),
          // web: down since before the month until the 17th 01:00, created on the 16th: 1440 + 60; down again 30 min before the end
          change('sla-w', at(16 * 1440 + 60), 'down', 'up'),
          change('sla-w', TO - 30 * MINUTE, 'up', 'down'),
          change('sla-w', TO + 60 * MINUTE, 'down', 'up'),
          change('sla-a', TO + 10 * MINUTE, 'up', 'down'),
        ],
        results: [
          ...Array.from({ length: 10 }, (_, i) =>
            i < 2 ? failure('sla-a', FROM + 6 * DAY + i * HOUR) : result('sla-a', FROM + 6 * DAY + i * HOUR),
          ),
          ...Array.from({ length: 4 }, (_, i) => result('sla-b', FROM + 6 * DAY + i * HOUR, { maintenance: i === 0 })),
          failure('sla-a', FROM - HOUR),
          failure('sla-a', TO + HOUR),
        ],
        incidents: [
          incident('slainc000001', {
            componentIds: ['sla-api'],
            status: 'resolved',
            createdAt: at(100),
            updatedAt: at(170),
            resolvedAt: at(170),
          }),
          incident('slainc000002', {
            name: 'Web down',
            componentIds: ['sla-web', 'sla-api'],
            status: 'resolved',
            impact: 'critical',
            createdAt: FROM - 2 * DAY,
            updatedAt: at(23100),
            resolvedAt: at(23100),
          }),
          incident('slainc000003', {
            componentIds: ['sla-web'],
            createdAt: TO - 30 * MINUTE,
            updatedAt: TO - 30 * MINUTE,
          }),
          incident('slainc000004', {
            componentIds: ['sla-api'],
            status: 'resolved',
            createdAt: FROM - 10 * DAY,
            updatedAt: FROM - 9 * DAY,
            resolvedAt: FROM - 9 * DAY,
          }),
          incident('slainc000005', {
            componentIds: ['sla-api'],
            status: 'resolved',
            createdAt: TO + HOUR,
            updatedAt: TO + 2 * HOUR,
            resolvedAt: TO + 2 * HOUR,
          }),
        ],
      }),
    );

    const report = await buildSlaReport(h.store, {
      month: '2026-01',
      timeZone: 'UTC',
      components,
      maintenances,
      now: NOW,
    });
    assert.deepEqual(slaReportSchema.parse(report), report);
    assert.deepEqual(report.period, {
      month: '2026-01',
      timeZone: 'UTC',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      measuredUntil: '2026-02-01T00:00:00.000Z',
      complete: true,
    });
    assert.equal(report.generatedAt, new Date(NOW).toISOString());

    const [api, web, fresh] = report.components;
    assert.ok(api && web && fresh);
    // 100 × (1 − 50 / 44620) = 99.88794…
    assert.deepEqual(
      { ...api, incidents: api.incidents.map((i) => i.id), checks: undefined },
      {
        id: 'sla-api',
        name: 'API',
        createdAt: '2025-12-31T00:00:00.000Z',
        uptimePercent: 99.887,
        periodMinutes: 44640,
        notExistingMinutes: 0,
        maintenanceMinutes: 20,
        countedMinutes: 44620,
        downtimeMinutes: 50,
        partialOutageMinutes: 30,
        majorOutageMinutes: 20,
        degradedMinutes: 0,
        noDataMinutes: 0,
        incidentCount: 2,
        incidents: ['slainc000002', 'slainc000001'],
        checks: undefined,
      },
    );
    // check-based: a 10 checks, 2 failures; b 4 checks, 1 in maintenance → (14 − 1 − 2) / 13 = 84.615…
    assert.deepEqual(api.checks, {
      checks: 14,
      failures: 2,
      maintenance: 1,
      uptimePercent: 84.615,
      monitors: [
        { monitorId: 'sla-a', checks: 10, failures: 2, maintenance: 0, uptimePercent: 80 },
        { monitorId: 'sla-b', checks: 4, failures: 0, maintenance: 1, uptimePercent: 100 },
      ],
    });

    // counted 44640 − 21600 = 23040; down 1500 + 30 → 100 × (1 − 1530 / 23040) = 93.359375
    assert.deepEqual(
      [
        web.uptimePercent,
        web.notExistingMinutes,
        web.countedMinutes,
        web.downtimeMinutes,
        web.majorOutageMinutes,
        web.partialOutageMinutes,
        web.maintenanceMinutes,
      ],
      [93.359, 21600, 23040, 1530, 1530, 0, 0],
    );
    assert.deepEqual(web.incidents, [
      {
        id: 'slainc000002',
        name: 'Web down',
        impact: 'critical',
        status: 'resolved',
        startedAt: '2025-12-30T00:00:00.000Z',
        resolvedAt: '2026-01-17T01:00:00.000Z',
        durationMinutes: 25980,
        minutesInPeriod: 23100,
      },
      // still open: runs to now, 9 days after the month
      {
        id: 'slainc000003',
        name: 'Incident slainc000003',
        impact: 'major',
        status: 'investigating',
        startedAt: '2026-01-31T23:30:00.000Z',
        resolvedAt: null,
        durationMinutes: 12990,
        minutesInPeriod: 30,
      },
    ]);
    assert.deepEqual(web.checks, {
      checks: 0,
      failures: 0,
      maintenance: 0,
      uptimePercent: null,
      monitors: [{ monitorId: 'sla-w', checks: 0, failures: 0, maintenance: 0, uptimePercent: null }],
    });

    // never reported, and a monitor the store does not know
    assert.deepEqual(
      [fresh.uptimePercent, fresh.noDataMinutes, fresh.downtimeMinutes, fresh.incidentCount],
      [null, 44640, 0, 0],
    );

    // mean of 99.887 and 93.359; union of the downtime: 50 + 1530
    assert.deepEqual(report.aggregate, {
      componentCount: 3,
      uptimePercent: 96.623,
      downtimeMinutes: 1580,
      incidentCount: 3,
    });

    const csv = renderSlaCsv(report).split('\r\n');
    assert.equal(csv[1], 'sla-api,API,99.887,50,30,20,20,2,0,84.615');
    assert.equal(csv[3], 'sla-new,New,,0,0,0,0,0,0,');
  });

  test('the current month is measured up to now; later months are refused', async () => {
    const report = await buildSlaReport(h.store, {
      month: '2026-02',
      components: components.slice(0, 2),
      maintenances,
      now: NOW,
    });
    assert.equal(report.period.measuredUntil, new Date(NOW).toISOString());
    assert.equal(report.period.complete, false);
    const [api, web] = report.components;
    assert.ok(api && web);
    // 9 days = 12960 min; a down since 00:10 (partial): 100 × 10 / 12960 = 0.0771…; web down until 01:00: 100 × (1 − 60 / 12960) = 99.537…
    assert.deepEqual(
      [api.periodMinutes, api.downtimeMinutes, api.partialOutageMinutes, api.uptimePercent],
      [12960, 12950, 12950, 0.077],
    );
    assert.deepEqual([web.notExistingMinutes, web.downtimeMinutes, web.uptimePercent], [0, 60, 99.537]);
    assert.deepEqual(
      api.incidents.map((i) => i.id),
      ['slainc000005'],
    );
    assert.deepEqual(api.checks.monitors[0], {
      monitorId: 'sla-a',
      checks: 1,
      failures: 1,
      maintenance: 0,
      uptimePercent: 0,
    });

    await assert.rejects(
      buildSlaReport(h.store, { month: '2026-03', components, maintenances, now: NOW }),
      (e: unknown) => e instanceof MonthPeriodError && e.code === 'future_month',
    );
  });

  test('a status set long before the month, with no change inside it, holds all month', async () => {
    await h.addMonitors(['sla-o', 'sla-p', 'sla-q']);
    await h.store.commitBatch(
      batch({
        statusChanges: [
          change('sla-o', FROM - 400 * DAY, 'unknown', 'down'),
          change('sla-p', FROM - 40 * DAY, 'unknown', 'up'),
          change('sla-p', FROM - 39 * DAY, 'up', 'degraded'),
          change('sla-q', FROM - 3 * DAY, 'unknown', 'down'),
          change('sla-q', FROM - 1, 'down', 'up'),
        ],
      }),
    );
    const report = await buildSlaReport(h.store, {
      month: '2026-01',
      components: [
        { id: 'old', name: 'Old', monitorIds: ['sla-o'], createdAt: 0 },
        { id: 'slow', name: 'Slow', monitorIds: ['sla-p'], createdAt: 0 },
        { id: 'fixed', name: 'Fixed', monitorIds: ['sla-q'], createdAt: 0 },
      ],
      maintenances: [],
      now: NOW,
    });
    assert.deepEqual(
      report.components.map((c) => [c.id, c.uptimePercent, c.majorOutageMinutes, c.degradedMinutes, c.noDataMinutes]),
      [
        ['old', 0, 44640, 0, 0],
        ['slow', 100, 0, 44640, 0],
        ['fixed', 100, 0, 0, 0],
      ],
    );
  });

  test('incidents are read page by page, ties across a page boundary included, open ones however old', async () => {
    // 250 incidents, newest first in pages of 200; numbers 45…55 share one instant, straddling the first page's end
    const many = Array.from({ length: 250 }, (_, i) => {
      const createdAt = FROM + DAY + (i >= 45 && i <= 55 ? 50 : i) * MINUTE;
      return incident(`slamany${String(i).padStart(5, '0')}`, {
        componentIds: ['many'],
        status: 'resolved',
        createdAt,
        updatedAt: createdAt + MINUTE,
        resolvedAt: createdAt + MINUTE,
      });
    });
    const ancient = incident('slaancient01', {
      componentIds: ['many'],
      createdAt: FROM - 200 * DAY,
      updatedAt: FROM - 200 * DAY,
    });
    await h.store.commitBatch(batch({ incidents: [...many, ancient] }));
    const report = await buildSlaReport(h.store, {
      month: '2026-01',
      components: [{ id: 'many', name: 'Many', monitorIds: [], createdAt: null }],
      maintenances: [],
      now: NOW,
    });
    const [c] = report.components;
    assert.equal(c?.incidentCount, 251);
    assert.deepEqual(new Set(c.incidents.map((i) => i.id)), new Set([...many, ancient].map((i) => i.id)));
    assert.equal(c.incidents[0]?.id, 'slaancient01');
    assert.equal(c.incidents[0]?.minutesInPeriod, 44640);
  });
});
