import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideAutoIncidents, type AutoIncidentComponent } from './auto-incidents.ts';
import type { Incident } from './incident.ts';
import type { ComponentStatus, IncidentImpact, IncidentStatus } from './statuses.ts';

const NOW = 1_000_000;
const names: Record<string, string> = { api: 'Public API', db: 'Database', web: 'Website' };

function component(
  id: string,
  previousStatus: ComponentStatus,
  status: ComponentStatus,
  extra: Partial<AutoIncidentComponent> = {},
): AutoIncidentComponent {
  return {
    id,
    name: names[id] ?? id,
    status,
    previousStatus,
    autoIncident: true,
    lastError: 'connect ECONNREFUSED 127.0.0.1:9',
    ...extra,
  };
}

function incident(id: string, componentIds: string[], impact: IncidentImpact, extra: Partial<Incident> = {}): Incident {
  const createdAt = NOW - 252_000; // 4m 12s ago
  return {
    id,
    name: `${componentIds.map((c) => names[c]).join(', ')} is down`,
    status: 'investigating',
    impact,
    source: 'auto',
    componentIds,
    createdAt,
    updatedAt: createdAt,
    resolvedAt: null,
    updates: [
      { id: `${id}-u0`, incidentId: id, status: 'investigating', body: 'down', createdAt, affectedComponents: [] },
    ],
    ...extra,
  };
}

/** What a test checks about one returned incident. */
interface Expected {
  id: string;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  componentIds: string[];
  resolvedAt: number | null;
  updates: number;
  last: { status: IncidentStatus; body: string; affected: [string, ComponentStatus, ComponentStatus][] };
}

interface Row {
  name: string;
  components: AutoIncidentComponent[];
  open?: Incident[];
  /** components in all (default 1: the outage is the whole page's) */
  componentCount?: number;
  expected: Expected[];
}

const apiDown = incident('inc-api', ['api'], 'critical');
const apiPartial = incident('inc-api', ['api'], 'major');
const both = incident('inc-both', ['api', 'db'], 'critical');

const rows: Row[] = [
  {
    name: 'one component of five goes down: a major incident, not a critical one',
    components: [
      component('api', 'operational', 'major_outage', { lastError: '"[STATUS] == 200" failed (actual 500)' }),
    ],
    componentCount: 5,
    expected: [
      {
        id: 'id1',
        name: 'Public API is returning errors',
        status: 'investigating',
        impact: 'major',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 1,
        last: {
          status: 'investigating',
          body: 'Public API is returning errors.',
          affected: [['api', 'operational', 'major_outage']],
        },
      },
    ],
  },
  {
    name: 'one component of five partly out: a minor incident',
    components: [
      component('api', 'operational', 'partial_outage', { lastError: '"[RESPONSE_TIME] < 800" failed (actual 1204)' }),
    ],
    componentCount: 5,
    expected: [
      {
        id: 'id1',
        name: 'Public API has a partial outage',
        status: 'investigating',
        impact: 'minor',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 1,
        last: {
          status: 'investigating',
          body: 'Part of Public API is slow.',
          affected: [['api', 'operational', 'partial_outage']],
        },
      },
    ],
  },
  {
    name: 'a push monitor that stopped pushing: visitors read that it has not checked in',
    components: [component('web', 'operational', 'major_outage', { lastError: 'no push received for 6m 2s' })],
    componentCount: 5,
    expected: [
      {
        id: 'id1',
        name: 'Website has not checked in on time',
        status: 'investigating',
        impact: 'major',
        componentIds: ['web'],
        resolvedAt: null,
        updates: 1,
        last: {
          status: 'investigating',
          body: 'Website has not checked in on time.',
          affected: [['web', 'operational', 'major_outage']],
        },
      },
    ],
  },
  {
    name: 'three components of five in one incident go down: critical',
    components: [
      component('api', 'operational', 'major_outage'),
      component('db', 'operational', 'major_outage'),
      component('web', 'operational', 'major_outage'),
    ],
    open: [incident('inc-3', ['api', 'db', 'web'], 'major')],
    componentCount: 5,
    expected: [
      {
        id: 'inc-3',
        name: 'Public API, Database, Website is down',
        status: 'investigating',
        impact: 'critical',
        componentIds: ['api', 'db', 'web'],
        resolvedAt: null,
        updates: 2,
        last: {
          status: 'investigating',
          body: 'Public API went from operational to a major outage. Database went from operational to a major outage. Website went from operational to a major outage.',
          affected: [
            ['api', 'operational', 'major_outage'],
            ['db', 'operational', 'major_outage'],
            ['web', 'operational', 'major_outage'],
          ],
        },
      },
    ],
  },
  {
    name: 'component goes down: incident opened',
    components: [component('api', 'operational', 'major_outage')],
    expected: [
      {
        id: 'id1',
        name: 'Public API is not responding',
        status: 'investigating',
        impact: 'critical',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 1,
        last: {
          status: 'investigating',
          body: 'Public API is not responding.',
          affected: [['api', 'operational', 'major_outage']],
        },
      },
    ],
  },
  {
    name: 'partial outage: incident opened with major impact',
    components: [component('api', 'degraded_performance', 'partial_outage', { lastError: null })],
    expected: [
      {
        id: 'id1',
        name: 'Public API has a partial outage',
        status: 'investigating',
        impact: 'major',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 1,
        last: {
          status: 'investigating',
          body: 'Part of Public API is down.',
          affected: [['api', 'degraded_performance', 'partial_outage']],
        },
      },
    ],
  },
  {
    name: 'autoIncident false: nothing opened',
    components: [component('api', 'operational', 'major_outage', { autoIncident: false })],
    expected: [],
  },
  {
    name: 'maintenance never opens an incident',
    components: [component('api', 'operational', 'under_maintenance')],
    expected: [],
  },
  {
    name: 'degraded is not an outage',
    components: [component('api', 'operational', 'degraded_performance')],
    expected: [],
  },
  {
    name: 'steady outage with no open incident (resolved by a person): not reopened',
    components: [component('api', 'major_outage', 'major_outage')],
    expected: [],
  },
  {
    name: 'already covered by an open auto incident: nothing new',
    components: [component('api', 'major_outage', 'major_outage')],
    open: [apiDown],
    expected: [],
  },
  {
    name: 'a manual incident does not cover: auto incident opened, manual untouched',
    components: [component('api', 'operational', 'major_outage')],
    open: [incident('manual-1', ['api'], 'minor', { source: 'manual' })],
    expected: [
      {
        id: 'id1',
        name: 'Public API is not responding',
        status: 'investigating',
        impact: 'critical',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 1,
        last: {
          status: 'investigating',
          body: 'Public API is not responding.',
          affected: [['api', 'operational', 'major_outage']],
        },
      },
    ],
  },
  {
    name: 'a manual incident is never resolved by recovery',
    components: [component('api', 'major_outage', 'operational')],
    open: [incident('manual-1', ['api'], 'critical', { source: 'manual' })],
    expected: [],
  },
  {
    name: 'flapping partial → major: update, impact raised',
    components: [component('api', 'partial_outage', 'major_outage')],
    open: [apiPartial],
    expected: [
      {
        id: 'inc-api',
        name: 'Public API is down',
        status: 'investigating',
        impact: 'critical',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 2,
        last: {
          status: 'investigating',
          body: 'Public API went from a partial outage to a major outage.',
          affected: [['api', 'partial_outage', 'major_outage']],
        },
      },
    ],
  },
  {
    name: 'flapping major → partial: update keeps the incident status, impact lowered',
    components: [component('api', 'major_outage', 'partial_outage')],
    open: [incident('inc-api', ['api'], 'critical', { status: 'identified' })],
    expected: [
      {
        id: 'inc-api',
        name: 'Public API is down',
        status: 'identified',
        impact: 'major',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 2,
        last: {
          status: 'identified',
          body: 'Public API went from a major outage to a partial outage.',
          affected: [['api', 'major_outage', 'partial_outage']],
        },
      },
    ],
  },
  {
    name: 'recovery: resolved with the downtime',
    components: [component('api', 'major_outage', 'operational')],
    open: [apiDown],
    expected: [
      {
        id: 'inc-api',
        name: 'Public API is down',
        status: 'resolved',
        impact: 'critical',
        componentIds: ['api'],
        resolvedAt: NOW,
        updates: 2,
        last: {
          status: 'resolved',
          body: 'Public API is operational again after 4m 12s.',
          affected: [['api', 'major_outage', 'operational']],
        },
      },
    ],
  },
  {
    name: 'recovery to degraded performance also resolves',
    components: [component('api', 'partial_outage', 'degraded_performance')],
    open: [apiPartial],
    expected: [
      {
        id: 'inc-api',
        name: 'Public API is down',
        status: 'resolved',
        impact: 'major',
        componentIds: ['api'],
        resolvedAt: NOW,
        updates: 2,
        last: {
          status: 'resolved',
          body: 'Public API is back up after 4m 12s; Public API still has degraded performance.',
          affected: [['api', 'partial_outage', 'degraded_performance']],
        },
      },
    ],
  },
  {
    name: 'an open incident whose component is already operational is resolved (e.g. after a restart)',
    components: [component('api', 'operational', 'operational')],
    open: [apiDown],
    expected: [
      {
        id: 'inc-api',
        name: 'Public API is down',
        status: 'resolved',
        impact: 'critical',
        componentIds: ['api'],
        resolvedAt: NOW,
        updates: 2,
        last: {
          status: 'resolved',
          body: 'Public API is operational again after 4m 12s.',
          affected: [['api', 'operational', 'operational']],
        },
      },
    ],
  },
  {
    name: 'outage → maintenance: update only, incident stays open with its impact',
    components: [component('api', 'major_outage', 'under_maintenance')],
    open: [apiDown],
    expected: [
      {
        id: 'inc-api',
        name: 'Public API is down',
        status: 'investigating',
        impact: 'critical',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 2,
        last: {
          status: 'investigating',
          body: 'Public API went from a major outage to under maintenance.',
          affected: [['api', 'major_outage', 'under_maintenance']],
        },
      },
    ],
  },
  {
    name: 'steady maintenance with an open incident: nothing',
    components: [component('api', 'under_maintenance', 'under_maintenance')],
    open: [apiDown],
    expected: [],
  },
  {
    name: 'incident already resolved: never touched again',
    components: [component('api', 'major_outage', 'operational')],
    open: [incident('inc-api', ['api'], 'critical', { status: 'resolved', resolvedAt: NOW - 1 })],
    expected: [],
  },
  {
    name: 'incident component missing from the input: left alone',
    components: [component('db', 'operational', 'operational')],
    open: [apiDown],
    expected: [],
  },
  {
    name: 'two components down: each gets its own incident',
    components: [
      component('api', 'operational', 'major_outage'),
      component('db', 'operational', 'partial_outage', { lastError: 'timeout after 5000 ms' }),
    ],
    expected: [
      {
        id: 'id1',
        name: 'Public API is not responding',
        status: 'investigating',
        impact: 'critical',
        componentIds: ['api'],
        resolvedAt: null,
        updates: 1,
        last: {
          status: 'investigating',
          body: 'Public API is not responding.',
          affected: [['api', 'operational', 'major_outage']],
        },
      },
      {
        id: 'id3',
        name: 'Database has a partial outage',
        status: 'investigating',
        impact: 'major',
        componentIds: ['db'],
        resolvedAt: null,
        updates: 1,
        last: {
          status: 'investigating',
          body: 'Part of Database is not responding.',
          affected: [['db', 'operational', 'partial_outage']],
        },
      },
    ],
  },
  {
    name: 'two components with their own incidents: one recovers, the other stays down',
    components: [component('api', 'major_outage', 'operational'), component('db', 'major_outage', 'major_outage')],
    open: [apiDown, incident('inc-db', ['db'], 'critical')],
    expected: [
      {
        id: 'inc-api',
        name: 'Public API is down',
        status: 'resolved',
        impact: 'critical',
        componentIds: ['api'],
        resolvedAt: NOW,
        updates: 2,
        last: {
          status: 'resolved',
          body: 'Public API is operational again after 4m 12s.',
          affected: [['api', 'major_outage', 'operational']],
        },
      },
    ],
  },
  {
    name: 'one incident over two components: partial recovery is an update, impact lowered to one of two down',
    components: [component('api', 'major_outage', 'operational'), component('db', 'major_outage', 'major_outage')],
    open: [both],
    componentCount: 2,
    expected: [
      {
        id: 'inc-both',
        name: 'Public API, Database is down',
        status: 'investigating',
        impact: 'major',
        componentIds: ['api', 'db'],
        resolvedAt: null,
        updates: 2,
        last: {
          status: 'investigating',
          body: 'Public API went from a major outage to operational.',
          affected: [['api', 'major_outage', 'operational']],
        },
      },
    ],
  },
  {
    name: 'one incident over two components: resolved when both are back',
    components: [component('api', 'operational', 'operational'), component('db', 'major_outage', 'operational')],
    open: [both],
    expected: [
      {
        id: 'inc-both',
        name: 'Public API, Database is down',
        status: 'resolved',
        impact: 'critical',
        componentIds: ['api', 'db'],
        resolvedAt: NOW,
        updates: 2,
        last: {
          status: 'resolved',
          body: 'Public API and Database are operational again after 4m 12s.',
          affected: [
            ['api', 'operational', 'operational'],
            ['db', 'major_outage', 'operational'],
          ],
        },
      },
    ],
  },
];

function summary(i: Incident): Expected {
  const last = i.updates.at(-1);
  assert.ok(last);
  assert.equal(last.incidentId, i.id);
  assert.equal(last.createdAt, NOW);
  assert.equal(i.updatedAt, NOW);
  assert.equal(i.source, 'auto');
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    componentIds: i.componentIds,
    resolvedAt: i.resolvedAt,
    updates: i.updates.length,
    last: {
      status: last.status,
      body: last.body,
      affected: last.affectedComponents.map((a) => [a.componentId, a.oldStatus, a.newStatus]),
    },
  };
}

for (const row of rows) {
  test(`decideAutoIncidents: ${row.name}`, () => {
    let n = 0;
    const open = row.open ?? [];
    const before = structuredClone(open);
    const out = decideAutoIncidents({
      now: NOW,
      components: row.components,
      openIncidents: open,
      componentCount: row.componentCount ?? 1,
      newId: () => `id${++n}`,
    });
    assert.deepEqual(out.map(summary), row.expected);
    assert.deepEqual(open, before, 'inputs are not mutated');
  });
}

test('decideAutoIncidents: outage → recovery over two evaluations', () => {
  let n = 0;
  const newId = () => `id${++n}`;
  const [opened] = decideAutoIncidents({
    now: NOW,
    components: [component('web', 'operational', 'major_outage')],
    openIncidents: [],
    componentCount: 1,
    newId,
  });
  assert.ok(opened);
  const [resolved] = decideAutoIncidents({
    now: NOW + 90_000,
    components: [component('web', 'major_outage', 'operational')],
    openIncidents: [opened],
    componentCount: 1,
    newId,
  });
  assert.equal(resolved?.status, 'resolved');
  assert.equal(resolved?.updates.at(-1)?.body, 'Website is operational again after 1m 30s.');
  assert.equal(opened.updates.length, 1, 'the opened incident is not mutated');
});
