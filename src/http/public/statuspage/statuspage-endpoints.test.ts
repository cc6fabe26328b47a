import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FIXTURE_NOW, statusModelFixture } from '../../../../test/support/status-model-fixture.ts';
import type { SeverityRule } from '../../../domain/outage-severity.ts';
import type { ComponentStatus } from '../../../domain/statuses.ts';
import type { StatusModel } from '../status-model.ts';
import { STATUSPAGE_ENDPOINTS } from './statuspage-endpoints.ts';
import { allInMaintenance, manyIncidents, noComponents } from './statuspage-scenarios.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const fixture = statusModelFixture();

describe('incidents', () => {
  test('unresolved.json lists only unresolved incidents', () => {
    const { incidents } = STATUSPAGE_ENDPOINTS['incidents/unresolved.json'](fixture);
    assert.deepEqual(
      incidents.map((i) => i.id),
      ['inc000000002'],
    );
    assert.ok(incidents.every((i) => i.status !== 'resolved' && i.status !== 'postmortem' && i.resolved_at === null));
  });

  test('incidents.json lists resolved and unresolved, newest first', () => {
    const { incidents } = STATUSPAGE_ENDPOINTS['incidents.json'](fixture);
    assert.deepEqual(
      incidents.map((i) => i.id),
      ['inc000000002', 'inc000000001'],
    );
  });

  test('incidents.json keeps the 50 most recent', () => {
    const model = statusModelFixture({ incidents: manyIncidents(60).reverse() });
    const { incidents } = STATUSPAGE_ENDPOINTS['incidents.json'](model);
    assert.equal(incidents.length, 50);
    assert.equal(incidents[0]!.name, 'Incident 0');
    assert.equal(incidents[49]!.name, 'Incident 49');
  });

  test('updates are newest first, with monitoring_at and resolved_at', () => {
    const resolved = STATUSPAGE_ENDPOINTS['incidents.json'](fixture).incidents[1]!;
    assert.deepEqual(
      resolved.incident_updates.map((u) => u.status),
      ['resolved', 'investigating'],
    );
    assert.equal(resolved.resolved_at, new Date(FIXTURE_NOW - 3 * DAY + 25 * 60_000).toISOString());
    assert.equal(resolved.monitoring_at, null);
    assert.equal(resolved.shortlink, 'http://status.acme.test/incidents/inc000000001');
    assert.deepEqual(resolved.incident_updates[1]!.affected_components, [
      { code: 'checkout', name: 'Checkout', old_status: 'operational', new_status: 'major_outage' },
    ]);
    assert.deepEqual(
      resolved.components.map((c) => c.id),
      ['checkout'],
    );
  });

  test('an update that changed no component has affected_components null', () => {
    const model = statusModelFixture({ incidents: manyIncidents(1) });
    const [incident] = STATUSPAGE_ENDPOINTS['incidents.json'](model).incidents;
    assert.equal(incident!.incident_updates[0]!.affected_components, null);
    assert.equal(incident!.monitoring_at, new Date(FIXTURE_NOW - DAY + HOUR).toISOString());
  });
});

describe('scheduled maintenances', () => {
  test('upcoming.json has only scheduled windows, active.json only running ones', () => {
    const upcoming = STATUSPAGE_ENDPOINTS['scheduled-maintenances/upcoming.json'](fixture).scheduled_maintenances;
    const active = STATUSPAGE_ENDPOINTS['scheduled-maintenances/active.json'](fixture).scheduled_maintenances;
    assert.deepEqual(
      upcoming.map((m) => [m.name, m.status]),
      [['Network maintenance', 'scheduled']],
    );
    assert.deepEqual(
      active.map((m) => [m.name, m.status]),
      [['Database upgrade', 'in_progress']],
    );
  });

  test('scheduled-maintenances.json has every status, latest start first; summary leaves completed out', () => {
    const model = statusModelFixture({ builtAt: FIXTURE_NOW + 2 * HOUR });
    const all = STATUSPAGE_ENDPOINTS['scheduled-maintenances.json'](model).scheduled_maintenances;
    assert.deepEqual(
      all.map((m) => m.status),
      ['scheduled', 'completed'],
    );
    const summary = STATUSPAGE_ENDPOINTS['summary.json'](model).scheduled_maintenances;
    assert.deepEqual(
      summary.map((m) => m.status),
      ['scheduled'],
    );
  });

  const at = (builtAt: number) =>
    STATUSPAGE_ENDPOINTS['scheduled-maintenances.json'](statusModelFixture({ builtAt })).scheduled_maintenances.find(
      (m) => m.name === 'Database upgrade',
    )!;
  const cases: [string, number, string, string[]][] = [
    ['before the window', FIXTURE_NOW - 2 * HOUR, 'scheduled', ['scheduled']],
    ['inside the window', FIXTURE_NOW, 'in_progress', ['in_progress', 'scheduled']],
    ['after the window', FIXTURE_NOW + 2 * HOUR, 'completed', ['completed', 'in_progress', 'scheduled']],
  ];
  for (const [name, builtAt, status, updates] of cases) {
    test(`one update per phase begun, newest first: ${name}`, () => {
      const m = at(builtAt);
      assert.equal(m.status, status);
      assert.deepEqual(
        m.incident_updates.map((u) => u.status),
        updates,
      );
      assert.equal(m.updated_at, m.incident_updates[0]!.updated_at);
      assert.equal(m.resolved_at, status === 'completed' ? new Date(FIXTURE_NOW + HOUR).toISOString() : null);
      assert.ok(m.incident_updates.every((u) => u.incident_id === m.id));
    });
  }

  test('update ids are stable across phases and distinct', () => {
    const before = at(FIXTURE_NOW - 2 * HOUR).incident_updates.map((u) => u.id);
    const after = at(FIXTURE_NOW + 2 * HOUR).incident_updates.map((u) => u.id);
    assert.equal(after[2], before[0]);
    assert.equal(new Set(after).size, 3);
  });

  test('the in_progress update puts the components under maintenance; completion gives them back', () => {
    const [completed, inProgress, scheduled] = at(FIXTURE_NOW + 2 * HOUR).incident_updates;
    assert.deepEqual(scheduled!.affected_components, [
      { code: 'db', name: 'Database', old_status: 'operational', new_status: 'operational' },
    ]);
    assert.equal(inProgress!.affected_components![0]!.new_status, 'under_maintenance');
    assert.equal(completed!.affected_components![0]!.new_status, 'operational');
    assert.match(inProgress!.body, /in progress/);
  });
});

describe('components', () => {
  test('groups come before their children; positions count within the parent', () => {
    const { components } = STATUSPAGE_ENDPOINTS['components.json'](fixture);
    assert.deepEqual(
      components.map((c) => [c.name, c.position, c.group]),
      [
        ['Frontend', 1, true],
        ['Website', 1, false],
        ['Backend', 2, true],
        ['Public API', 1, false],
        ['Checkout', 2, false],
        ['Database', 3, false],
        ['Nightly batch', 3, false],
      ],
    );
    const backend = components.find((c) => c.name === 'Backend')!;
    assert.ok(backend.group);
    assert.deepEqual(backend.components, ['api', 'checkout', 'db']);
    assert.equal(backend.status, 'degraded_performance');
    assert.ok(components.filter((c) => !c.group && c.id !== 'batch').every((c) => c.group_id !== null));
  });

  test('a group split by other components is still listed once, with all its children', () => {
    const base = statusModelFixture();
    const [website, api, checkout, db, batch] = base.components;
    const model = { ...base, components: [api!, website!, checkout!, db!, batch!] };
    const { components } = STATUSPAGE_ENDPOINTS['components.json'](model);
    assert.deepEqual(
      components.map((c) => c.name),
      ['Backend', 'Public API', 'Checkout', 'Database', 'Frontend', 'Website', 'Nightly batch'],
    );
  });

  test('an incident shows its components with the same positions as components.json', () => {
    const listed = STATUSPAGE_ENDPOINTS['components.json'](fixture).components.find((c) => c.id === 'api');
    const inIncident = STATUSPAGE_ENDPOINTS['incidents/unresolved.json'](fixture).incidents[0]!.components[0];
    assert.deepEqual(inIncident, listed);
  });
});

describe('status indicator', () => {
  const withStatuses = (statuses: ComponentStatus[], incidents: StatusModel['incidents'] = []): StatusModel => {
    const base = statusModelFixture({ incidents });
    return {
      ...base,
      components: base.components.slice(0, statuses.length).map((c, k) => ({ ...c, status: statuses[k]! })),
    };
  };
  const withRule = (model: StatusModel, severity: SeverityRule): StatusModel => ({
    ...model,
    page: { ...model.page, severity },
  });
  const withoutData = (model: StatusModel): StatusModel => ({
    ...model,
    components: model.components.map((c) => ({ ...c, noData: true })),
  });
  const open = statusModelFixture().incidents.filter((i) => i.resolvedAt === null);
  const cases: [string, StatusModel, string, string][] = [
    ['all operational', withStatuses(['operational', 'operational']), 'none', 'All Systems Operational'],
    ['one degraded', withStatuses(['operational', 'degraded_performance']), 'minor', 'Partially Degraded Service'],
    ['one partial outage', withStatuses(['partial_outage', 'degraded_performance']), 'minor', 'Minor Service Outage'],
    ['one major outage of two', withStatuses(['operational', 'major_outage']), 'major', 'Partial System Outage'],
    ['two major outages of two', withStatuses(['major_outage', 'major_outage']), 'critical', 'Major System Outage'],
    [
      'one major outage of two, under a page rule that makes any major outage critical',
      withRule(withStatuses(['operational', 'major_outage']), { criticalShare: 0, majorShare: 0 }),
      'critical',
      'Major System Outage',
    ],
    ['no component has data yet', withoutData(withStatuses(['operational', 'operational'])), 'none', 'No data yet'],
    ['only maintenance', allInMaintenance(), 'maintenance', 'Service Under Maintenance'],
    ['maintenance and an open incident', withStatuses(['under_maintenance'], open), 'minor', 'Minor Service Outage'],
    ['no components', noComponents(), 'none', 'All Systems Operational'],
    ['fixture', statusModelFixture(), 'minor', 'Partially Degraded Service'],
  ];
  for (const [name, model, indicator, description] of cases) {
    test(name, () => {
      const { status, page } = STATUSPAGE_ENDPOINTS['status.json'](model);
      assert.deepEqual(status, { indicator, description });
      assert.equal(page.time_zone, 'Etc/UTC');
      assert.deepEqual(STATUSPAGE_ENDPOINTS['summary.json'](model).status, status);
    });
  }
});
