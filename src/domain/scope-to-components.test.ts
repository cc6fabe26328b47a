import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideAutoIncidents, type AutoIncidentComponent } from './auto-incidents.ts';
import type { Incident, IncidentUpdate } from './incident.ts';
import type { MaintenanceWindow } from './maintenance-windows.ts';
import { incidentSeenBy, maintenanceSeenBy } from './scope-to-components.ts';
import type { ComponentStatus } from './statuses.ts';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
/** what the audience (a public page) sees: Website and Shop; Secret Vault is a private page's */
const VISIBLE = new Map([
  ['web', 'Website'],
  ['shop', 'Shop'],
]);
const NAMES: Record<string, string> = { web: 'Website', shop: 'Shop', vault: 'Secret Vault' };

type Change = [id: string, from: ComponentStatus, to: ComponentStatus];

function update(n: number, status: IncidentUpdate['status'], body: string, changes: Change[]): IncidentUpdate {
  return {
    id: `u${n}`,
    incidentId: 'i1',
    status,
    body,
    createdAt: T0 + n * MIN,
    affectedComponents: changes.map(([componentId, oldStatus, newStatus]) => ({ componentId, oldStatus, newStatus })),
  };
}

function incident(
  source: Incident['source'],
  name: string,
  componentIds: string[],
  updates: IncidentUpdate[],
): Incident {
  return {
    id: 'i1',
    name,
    status: updates.at(-1)!.status,
    impact: 'major',
    source,
    componentIds,
    createdAt: T0,
    updatedAt: updates.at(-1)!.createdAt,
    resolvedAt: null,
    updates,
  };
}

/** The engine's own incident for a component going down, as decideAutoIncidents opens it. */
function engineOpened(id: string): Incident {
  const c: AutoIncidentComponent = {
    id,
    name: NAMES[id]!,
    status: 'major_outage',
    previousStatus: 'operational',
    autoIncident: true,
    lastError: 'connect ECONNREFUSED 10.0.0.9:8200',
  };
  let n = 0;
  return decideAutoIncidents({
    now: T0,
    components: [c],
    openIncidents: [],
    componentCount: 1,
    newId: () => `i${++n}`,
  })[0]!;
}

interface Row {
  name: string;
  input: Incident;
  /** undefined: not shown at all */
  expected: { name: string; componentIds: string[]; updates: [body: string, affected: string[]][] } | undefined;
}

const vaultOpened = engineOpened('vault');
const webOpened = engineOpened('web');

const rows: Row[] = [
  {
    name: 'an incident on visible components only is shown unchanged',
    input: incident(
      'manual',
      'Slow checkout',
      ['web', 'shop'],
      [update(0, 'investigating', 'Looking into it.', [['web', 'operational', 'degraded_performance']])],
    ),
    expected: { name: 'Slow checkout', componentIds: ['web', 'shop'], updates: [['Looking into it.', ['web']]] },
  },
  {
    name: 'an incident on a hidden component only is not shown',
    input: incident(
      'manual',
      'Vault sealed',
      ['vault'],
      [update(0, 'investigating', 'Unsealing.', [['vault', 'operational', 'major_outage']])],
    ),
    expected: undefined,
  },
  {
    name: "the engine's incident on a hidden component is not shown",
    input: vaultOpened,
    expected: undefined,
  },
  {
    name: 'a site-wide incident (no component) is shown to everyone',
    input: incident('manual', 'Payment provider trouble', [], [update(0, 'investigating', 'Upstream issue.', [])]),
    expected: { name: 'Payment provider trouble', componentIds: [], updates: [['Upstream issue.', []]] },
  },
  {
    name: "a person's incident on visible and hidden components keeps its words, loses the hidden components",
    input: incident(
      'manual',
      'Checkout errors',
      ['web', 'vault'],
      [
        update(0, 'investigating', 'Errors at checkout.', [
          ['web', 'operational', 'partial_outage'],
          ['vault', 'operational', 'major_outage'],
        ]),
        update(1, 'identified', 'A backend is down.', [['vault', 'major_outage', 'major_outage']]),
      ],
    ),
    expected: {
      name: 'Checkout errors',
      componentIds: ['web'],
      updates: [
        ['Errors at checkout.', ['web']],
        ['A backend is down.', []],
      ],
    },
  },
  {
    name: 'an automatic incident opened by a hidden component, taken over and widened: title and words rebuilt from the visible ones',
    input: {
      ...vaultOpened,
      takenOverBy: 'ops@example.com',
      componentIds: ['vault', 'web'],
      updates: [
        ...vaultOpened.updates,
        update(3, 'identified', 'Secret Vault is sealed; the website cannot log in.', [
          ['vault', 'major_outage', 'major_outage'],
          ['web', 'operational', 'partial_outage'],
        ]),
        update(5, 'resolved', 'Secret Vault unsealed.', [
          ['vault', 'major_outage', 'operational'],
          ['web', 'partial_outage', 'operational'],
        ]),
      ],
    },
    expected: {
      name: 'Incident affecting Website',
      componentIds: ['web'],
      updates: [
        ['Website went from operational to a partial outage.', ['web']],
        ['Website is operational again after 5m.', ['web']],
      ],
    },
  },
  {
    name: 'an automatic incident opened by a visible component keeps its title and opening words',
    input: {
      ...webOpened,
      componentIds: ['web', 'vault'],
      updates: [
        ...webOpened.updates,
        update(2, 'investigating', 'Secret Vault went from operational to a major outage.', [
          ['vault', 'operational', 'major_outage'],
        ]),
      ],
    },
    expected: {
      name: 'Website is not responding',
      componentIds: ['web'],
      updates: [['Website is not responding.', ['web']]],
    },
  },
  {
    name: 'an automatic incident whose every update concerned hidden components keeps one neutral line',
    input: { ...vaultOpened, componentIds: ['vault', 'shop'] },
    expected: { name: 'Incident affecting Shop', componentIds: ['shop'], updates: [['Incident affecting Shop.', []]] },
  },
];

describe('an incident as a page that shows only some components sees it', () => {
  for (const row of rows) {
    test(row.name, () => {
      const seen = incidentSeenBy(row.input, VISIBLE);
      if (row.expected === undefined) return assert.equal(seen, undefined);
      assert.ok(seen);
      assert.equal(seen.name, row.expected.name);
      assert.deepEqual(seen.componentIds, row.expected.componentIds);
      assert.deepEqual(
        seen.updates.map((u) => [u.body, u.affectedComponents.map((a) => a.componentId)]),
        row.expected.updates,
      );
      if (!row.input.componentIds.includes('vault')) assert.equal(seen, row.input, 'nothing hidden: the same object');
      if (row.input.source === 'auto')
        assert.doesNotMatch(JSON.stringify(seen), /vault/i, 'an automatic incident names no hidden component');
      else
        assert.doesNotMatch(
          JSON.stringify({ ...seen, name: '', updates: seen.updates.map((u) => ({ ...u, body: '' })) }),
          /vault/i,
        );
    });
  }
});

describe('a maintenance window as a page sees it', () => {
  const window = (componentIds: string[]): MaintenanceWindow => ({
    id: 'm1',
    title: 'Upgrade',
    body: 'Planned.',
    start: T0,
    end: T0 + 60 * MIN,
    componentIds,
  });
  const cases: [string, string[], string[] | undefined][] = [
    ['visible components only: unchanged', ['web', 'shop'], ['web', 'shop']],
    ['visible and hidden: the visible ones', ['web', 'vault'], ['web']],
    ['hidden only: not shown', ['vault'], undefined],
  ];
  for (const [name, ids, expected] of cases) {
    test(name, () => {
      assert.deepEqual(maintenanceSeenBy(window(ids), VISIBLE)?.componentIds, expected);
    });
  }
});
