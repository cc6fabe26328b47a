import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Incident } from '../../domain/incident.ts';
import type { MonitorStatus } from '../../domain/statuses.ts';
import { channelWants, subscriberWants } from '../routing/channel-rules.ts';
import { outboxRowsFor } from '../routing/outbox-rows.ts';
import { certificateEvent } from './certificate-events.ts';
import { incidentEvent } from './incident-events.ts';
import { maintenanceTransitions } from './maintenance-events.ts';
import { monitorChangeEvent, type MonitorFacts } from './monitor-events.ts';

const links = { pageUrl: 'https://status.example.com', adminUrl: 'https://status.example.com/admin' };
const monitor: MonitorFacts = {
  id: 'api',
  name: 'API',
  lastError: 'HTTP 500',
  previousSince: 1_000,
  components: [{ id: 'c1', name: 'Core', status: 'major_outage' }],
};
const DAY = 86_400_000;

describe('monitor change events', () => {
  const rows: [MonitorStatus, MonitorStatus, string | null][] = [
    ['up', 'down', 'monitor.down'],
    ['unknown', 'down', 'monitor.down'],
    ['up', 'degraded', 'monitor.degraded'],
    ['down', 'up', 'monitor.up'],
    ['degraded', 'up', 'monitor.up'],
    ['unknown', 'up', null],
    ['maintenance', 'up', null],
    ['up', 'maintenance', null],
    ['down', 'maintenance', null],
  ];
  for (const [from, to, want] of rows) {
    test(`${from} → ${to}: ${want ?? 'nothing'}`, () => {
      const e = monitorChangeEvent(
        { monitorId: 'api', from, to, at: 61_000, reason: to === 'down' ? 'HTTP 503' : null },
        monitor,
        links,
      );
      assert.equal(e?.type ?? null, want);
    });
  }
  test('a recovery carries the downtime, a failure the reason, and links to the monitor', () => {
    const up = monitorChangeEvent(
      { monitorId: 'api', from: 'down', to: 'up', at: 61_000, reason: null },
      monitor,
      links,
    )!;
    assert.equal(up.monitor?.downtimeMs, 60_000);
    assert.equal(up.monitor?.url, 'https://status.example.com/admin/monitors/api');
    const down = monitorChangeEvent(
      { monitorId: 'api', from: 'up', to: 'down', at: 61_000, reason: 'HTTP 503' },
      monitor,
      links,
    )!;
    assert.equal(down.monitor?.lastError, 'HTTP 503');
    assert.equal(down.id, 'mon:api:61000:down');
  });
  test('nothing for a monitor whose components are all under maintenance', () => {
    const quiet = { ...monitor, components: [{ id: 'c1', name: 'Core', status: 'under_maintenance' as const }] };
    assert.equal(
      monitorChangeEvent({ monitorId: 'api', from: 'up', to: 'down', at: 1, reason: null }, quiet, links),
      null,
    );
  });
});

describe('certificate warnings', () => {
  const m = { id: 'tls', name: 'TLS', host: 'example.com', components: [] };
  const rows: [number, number | null][] = [
    [45, null],
    [30.5, null],
    [29.9, 30],
    [14.2, 30],
    [13.9, 14],
    [6.5, 7],
    [0.5, 1],
  ];
  for (const [days, threshold] of rows) {
    test(`${days} days left → ${threshold ?? 'no'} warning`, () => {
      const e = certificateEvent(m, 100 * DAY + days * DAY, 100 * DAY, links);
      assert.equal(e ? Number(e.id.split(':').at(-1)) : null, threshold);
    });
  }
  test('an expired certificate is left to monitor.down', () => assert.equal(certificateEvent(m, 5, 10, links), null));
});

describe('incident events', () => {
  const base: Incident = {
    id: 'i1',
    name: 'Slow',
    status: 'investigating',
    impact: 'minor',
    source: 'manual',
    componentIds: ['c1'],
    createdAt: 1,
    updatedAt: 1,
    resolvedAt: null,
    updates: [
      { id: 'u1', incidentId: 'i1', status: 'investigating', body: 'Looking', createdAt: 1, affectedComponents: [] },
    ],
  };
  const names = new Map([['c1', 'Core']]);
  const status = () => 'operational' as const;
  test('created, updated, resolved, and nothing for an edit', () => {
    assert.equal(incidentEvent(undefined, base, names, status, links)?.type, 'incident.created');
    const updated = {
      ...base,
      status: 'identified' as const,
      updatedAt: 2,
      updates: [...base.updates, { ...base.updates[0]!, id: 'u2', status: 'identified' as const, body: 'Found it' }],
    };
    const e = incidentEvent(base, updated, names, status, links)!;
    assert.deepEqual([e.type, e.incident?.body, e.components[0]?.name], ['incident.updated', 'Found it', 'Core']);
    assert.equal(
      incidentEvent(updated, { ...updated, resolvedAt: 3, status: 'resolved', updatedAt: 3 }, names, status, links)
        ?.type,
      'incident.resolved',
    );
    assert.equal(
      incidentEvent(base, { ...base, updates: [{ ...base.updates[0]!, body: 'Looking.' }] }, names, status, links),
      null,
    );
  });
});

describe('maintenance transitions', () => {
  const w = { id: 'm1', title: 'DB', body: '', start: 100, end: 200, componentIds: ['c1'] };
  test('started once, completed once', () => {
    const a = maintenanceTransitions([w], new Set(), 150);
    assert.deepEqual([a.started.length, a.completed.length], [1, 0]);
    const b = maintenanceTransitions([w], a.inProgress, 160);
    assert.deepEqual([b.started.length, b.completed.length], [0, 0]);
    const c = maintenanceTransitions([w], b.inProgress, 250);
    assert.deepEqual([c.started.length, c.completed.length], [0, 1]);
  });
});

describe('routing', () => {
  const down = monitorChangeEvent({ monitorId: 'api', from: 'up', to: 'down', at: 5, reason: null }, monitor, links)!;
  test('channels filter by events, components and monitors', () => {
    assert.ok(channelWants({ id: 'a' }, down));
    assert.ok(!channelWants({ id: 'a', events: ['incident.created'] }, down));
    assert.ok(channelWants({ id: 'a', components: ['c1'] }, down));
    assert.ok(!channelWants({ id: 'a', components: ['c2'] }, down));
    assert.ok(!channelWants({ id: 'a', monitors: ['other'] }, down));
  });
  const incidentOn = (componentIds: string[]) =>
    incidentEvent(
      undefined,
      {
        id: 'i',
        name: 'x',
        status: 'investigating',
        impact: 'minor',
        source: 'manual',
        componentIds,
        createdAt: 1,
        updatedAt: 1,
        resolvedAt: null,
        updates: [],
      },
      new Map(),
      () => 'operational',
      links,
    )!;
  const subscriberRows: {
    name: string;
    chose: string[];
    page: string[] | null;
    event: ReturnType<typeof incidentOn>;
    wants: boolean;
  }[] = [
    { name: 'a monitor event: never', chose: [], page: ['c1'], event: down, wants: false },
    {
      name: 'everything on the page: an incident on it',
      chose: [],
      page: ['c1'],
      event: incidentOn(['c1']),
      wants: true,
    },
    { name: 'the chosen component', chose: ['c1'], page: ['c1', 'c2'], event: incidentOn(['c1']), wants: true },
    {
      name: 'another component than chosen',
      chose: ['c9'],
      page: ['c1', 'c9'],
      event: incidentOn(['c1']),
      wants: false,
    },
    {
      name: 'everything on the page: an incident on components it does not show',
      chose: [],
      page: ['c1'],
      event: incidentOn(['secret']),
      wants: false,
    },
    {
      name: 'an incident on a shown and a hidden component',
      chose: [],
      page: ['c1'],
      event: incidentOn(['c1', 'secret']),
      wants: true,
    },
    {
      name: 'chosen, but the page no longer shows it',
      chose: ['secret'],
      page: ['c1'],
      event: incidentOn(['secret']),
      wants: false,
    },
    {
      name: 'an incident on no component (every page shows it)',
      chose: [],
      page: ['c1'],
      event: incidentOn([]),
      wants: true,
    },
    { name: 'the page is gone', chose: [], page: null, event: incidentOn(['c1']), wants: false },
  ];
  for (const row of subscriberRows) {
    test(`subscribers hear incidents and maintenance their page shows: ${row.name}`, () => {
      assert.equal(subscriberWants({ componentIds: row.chose, pageComponentIds: row.page }, row.event), row.wants);
    });
  }
  test('one outbox row per wanting target, with a stable id', () => {
    const rows = outboxRowsFor(
      down,
      {
        channels: [{ id: 'slack' }, { id: 'mail', events: ['incident.created'] }],
        subscribers: [{ id: 's1', componentIds: [], pageComponentIds: ['c1'] }],
      },
      7,
    );
    assert.deepEqual(
      rows.map((r) => r.id),
      ['mon:api:5:down:channel:slack'],
    );
  });
});
