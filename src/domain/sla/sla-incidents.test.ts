import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../incident.ts';
import { incidentsInPeriod } from './sla-incidents.ts';

const MIN = 60_000;
const FROM = Date.UTC(2026, 9, 1);
const TO = Date.UTC(2026, 10, 1);
const NOW = TO + 60 * MIN;
const at = (minutes: number) => FROM + minutes * MIN;

function incident(id: string, startMin: number, endMin: number | null, componentIds = ['api']): Incident {
  return {
    id,
    name: `Incident ${id}`,
    status: endMin === null ? 'investigating' : 'resolved',
    impact: 'minor',
    source: 'manual',
    componentIds,
    createdAt: at(startMin),
    updatedAt: at(startMin),
    resolvedAt: endMin === null ? null : at(endMin),
    updates: [],
  };
}

test('incidents open at some point of the period, with total and in-period durations', () => {
  const rows: [Incident, { durationMin: number; inPeriodMin: number } | null][] = [
    [incident('inside', 100, 160), { durationMin: 60, inPeriodMin: 60 }],
    [incident('across-start', -30, 30), { durationMin: 60, inPeriodMin: 30 }],
    [incident('across-end', 44630, 44650), { durationMin: 20, inPeriodMin: 10 }],
    // still open: runs until now, an hour after the month
    [incident('open', 44000, null), { durationMin: 700, inPeriodMin: 640 }],
    [incident('instant', 500, 500), { durationMin: 0, inPeriodMin: 0 }],
    [incident('before', -100, -10), null],
    [incident('ends-at-start', -100, 0), null],
    [incident('starts-at-end', 44640, 44700), null],
    [incident('other-component', 100, 200, ['web']), null],
  ];
  for (const [i, expected] of rows) {
    const [found] = incidentsInPeriod([i], ['api'], { from: FROM, to: TO, now: NOW });
    if (expected === null) assert.equal(found, undefined, i.id);
    else {
      assert.ok(found, i.id);
      assert.deepEqual({ durationMin: found.durationMs / MIN, inPeriodMin: found.inPeriodMs / MIN }, expected, i.id);
      assert.deepEqual(
        [found.startedAt, found.resolvedAt, found.name, found.impact],
        [i.createdAt, i.resolvedAt, i.name, i.impact],
      );
    }
  }
});

test('oldest first, each incident once even when it names several of the components', () => {
  const list = incidentsInPeriod(
    [incident('b', 200, 300, ['api', 'web']), incident('a', 100, 150), incident('b', 200, 300, ['api', 'web'])],
    ['api', 'web'],
    {
      from: FROM,
      to: TO,
      now: NOW,
    },
  );
  assert.deepEqual(
    list.map((i) => i.id),
    ['a', 'b'],
  );
});
