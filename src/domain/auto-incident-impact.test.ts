import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoIncidentImpact } from './auto-incident-impact.ts';
import type { Incident, IncidentUpdate } from './incident.ts';
import { DEFAULT_SEVERITY_RULE, type SeverityRule } from './outage-severity.ts';
import type { ComponentStatus, IncidentImpact, IncidentStatus } from './statuses.ts';

type Step = [status: IncidentStatus, changes: [string, ComponentStatus][]];

function incident(steps: Step[], extra: Partial<Incident> = {}): Incident {
  const updates: IncidentUpdate[] = steps.map(([status, changes], i) => ({
    id: `u${i}`,
    incidentId: 'inc',
    status,
    body: '',
    createdAt: i,
    affectedComponents: changes.map(([componentId, newStatus]) => ({
      componentId,
      oldStatus: 'operational',
      newStatus,
    })),
  }));
  return {
    id: 'inc',
    name: 'Checkout is not responding',
    status: steps.at(-1)![0],
    impact: 'critical',
    source: 'auto',
    componentIds: [...new Set(steps.flatMap(([, c]) => c.map(([id]) => id)))],
    createdAt: 0,
    updatedAt: 0,
    resolvedAt: null,
    updates,
    ...extra,
  };
}

const anyMajor: SeverityRule = { criticalShare: 0, majorShare: 0 };

const rows: [name: string, incident: Incident, total: number, rule: SeverityRule, impact: IncidentImpact][] = [
  ['one of five down', incident([['investigating', [['a', 'major_outage']]]]), 5, DEFAULT_SEVERITY_RULE, 'major'],
  ['one of one down', incident([['investigating', [['a', 'major_outage']]]]), 1, DEFAULT_SEVERITY_RULE, 'critical'],
  [
    'one of five down, any major is critical',
    incident([['investigating', [['a', 'major_outage']]]]),
    5,
    anyMajor,
    'critical',
  ],
  [
    'one of five partly out',
    incident([['investigating', [['a', 'partial_outage']]]]),
    5,
    DEFAULT_SEVERITY_RULE,
    'minor',
  ],
  [
    'partial, then three of five down',
    incident([
      ['investigating', [['a', 'partial_outage']]],
      [
        'investigating',
        [
          ['a', 'major_outage'],
          ['b', 'major_outage'],
          ['c', 'major_outage'],
        ],
      ],
    ]),
    5,
    DEFAULT_SEVERITY_RULE,
    'critical',
  ],
  [
    'down, then partly back: follows the components',
    incident([
      ['investigating', [['a', 'major_outage']]],
      ['identified', [['a', 'partial_outage']]],
    ]),
    5,
    DEFAULT_SEVERITY_RULE,
    'minor',
  ],
  [
    'maintenance keeps the impact it had',
    incident([
      ['investigating', [['a', 'major_outage']]],
      ['investigating', [['a', 'under_maintenance']]],
    ]),
    5,
    DEFAULT_SEVERITY_RULE,
    'major',
  ],
  [
    'the resolution keeps the impact it had',
    incident([
      ['investigating', [['a', 'major_outage']]],
      ['resolved', [['a', 'operational']]],
    ]),
    5,
    DEFAULT_SEVERITY_RULE,
    'major',
  ],
  [
    'taken over: the impact a person gave it',
    incident([['investigating', [['a', 'major_outage']]]], { takenOverBy: 'u1', impact: 'minor' }),
    5,
    DEFAULT_SEVERITY_RULE,
    'minor',
  ],
  [
    'a manual incident keeps its impact',
    incident([['investigating', [['a', 'major_outage']]]], { source: 'manual', impact: 'none' }),
    5,
    DEFAULT_SEVERITY_RULE,
    'none',
  ],
  [
    'updates that say nothing about statuses: as stored',
    incident([['investigating', []]]),
    5,
    DEFAULT_SEVERITY_RULE,
    'critical',
  ],
];

for (const [name, inc, total, rule, impact] of rows) {
  test(`autoIncidentImpact: ${name} → ${impact}`, () => assert.equal(autoIncidentImpact(inc, total, rule), impact));
}
