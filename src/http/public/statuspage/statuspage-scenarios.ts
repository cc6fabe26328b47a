import type { Incident } from '../../../domain/incident.ts';
import { FIXTURE_NOW, statusModelFixture } from '../../../../test/support/status-model-fixture.ts';
import type { StatusModel } from '../status-model.ts';

/** Test-only: variants of the fixture that cover the edges of the Statuspage endpoints. */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function manyIncidents(count: number): Incident[] {
  return Array.from({ length: count }, (_, k) => {
    const createdAt = FIXTURE_NOW - (k + 1) * DAY;
    const resolved = k % 3 !== 0;
    const id = `many${String(k).padStart(8, '0')}`;
    return {
      id,
      name: `Incident ${k}`,
      status: resolved ? 'resolved' : 'monitoring',
      impact: 'major',
      source: 'manual',
      componentIds: ['api'],
      createdAt,
      updatedAt: createdAt + HOUR,
      resolvedAt: resolved ? createdAt + HOUR : null,
      updates: [
        { id: `${id}-1`, incidentId: id, status: 'investigating', body: 'Looking.', createdAt, affectedComponents: [] },
        {
          id: `${id}-2`,
          incidentId: id,
          status: resolved ? 'resolved' : 'monitoring',
          body: 'Done.',
          createdAt: createdAt + HOUR,
          affectedComponents: [],
        },
      ],
    };
  });
}

export function noComponents(): StatusModel {
  return statusModelFixture({ components: [], incidents: [], maintenances: [], monitors: [], history: new Map() });
}

export function ungroupedOnly(): StatusModel {
  const base = statusModelFixture();
  return { ...base, components: base.components.map((c) => ({ ...c, group: null })) };
}

export function allInMaintenance(): StatusModel {
  const base = statusModelFixture();
  const ids = base.components.map((c) => c.id);
  return {
    ...base,
    components: base.components.map((c) => ({ ...c, status: 'under_maintenance' })),
    incidents: base.incidents.filter((i) => i.resolvedAt !== null),
    maintenances: [
      {
        id: 'everything',
        title: 'Everything',
        body: '',
        start: FIXTURE_NOW - HOUR,
        end: FIXTURE_NOW + HOUR,
        componentIds: ids,
      },
    ],
  };
}

/** Every maintenance window over, every incident resolved. */
export function afterEverything(): StatusModel {
  const base = statusModelFixture();
  return { ...base, builtAt: FIXTURE_NOW + 10 * DAY, incidents: base.incidents.filter((i) => i.resolvedAt !== null) };
}

export const SCENARIOS: Record<string, () => StatusModel> = {
  fixture: () => statusModelFixture(),
  'no components': noComponents,
  'no incidents': () => statusModelFixture({ incidents: [] }),
  'ungrouped only': ungroupedOnly,
  'all in maintenance': allInMaintenance,
  'after everything': afterEverything,
  'many incidents': () => statusModelFixture({ incidents: manyIncidents(60) }),
};
