import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckResult } from './check-result.ts';
import { initialMonitorState, type MonitorState, type StatusChange } from './monitor-state.ts';
import type { MonitorStatus } from './statuses.ts';
import { evaluateResult } from './evaluate-result.ts';

/**
 * Steps: P pass, D degraded pass, F failure, X decisive failure (a push monitor past its deadline); prefixed by m (inside a maintenance window) and/or o (Pharos offline).
 * Step i starts at (i + 1) * 1000 and is evaluated at that time + 5.
 */
type Step = 'P' | 'D' | 'F' | 'X' | 'mP' | 'mF' | 'mX' | 'oP' | 'oF' | 'moF';

interface Row {
  name: string;
  from?: MonitorStatus;
  /** counters [failures, passes, degraded, clean] the monitor starts with */
  counters?: [number, number, number, number];
  thresholds?: [failure: number, success: number];
  steps: Step[];
  status: MonitorStatus;
  changes: [from: MonitorStatus, to: MonitorStatus, reason: string | null][];
  /** counters after the last step */
  after?: [number, number, number, number];
}

const rows: Row[] = [
  // from unknown
  {
    name: 'fresh monitor passes: up at once',
    steps: ['P'],
    status: 'up',
    changes: [['unknown', 'up', null]],
    after: [0, 1, 0, 1],
  },
  {
    name: 'fresh monitor degraded pass: degraded at once',
    steps: ['D'],
    status: 'degraded',
    changes: [['unknown', 'degraded', 'response time 912 ms']],
  },
  {
    name: 'fresh monitor, one blip below threshold 2: stays unknown',
    steps: ['F'],
    status: 'unknown',
    changes: [],
    after: [1, 0, 0, 0],
  },
  {
    name: 'fresh monitor, two failures with threshold 2: down',
    steps: ['F', 'F'],
    status: 'down',
    changes: [['unknown', 'down', 'boom']],
  },
  {
    name: 'fresh monitor, threshold 1: down on first failure',
    thresholds: [1, 1],
    steps: ['F'],
    status: 'down',
    changes: [['unknown', 'down', 'boom']],
  },
  { name: 'fresh monitor, blip then pass: up', steps: ['F', 'P'], status: 'up', changes: [['unknown', 'up', null]] },
  // from up
  {
    name: 'up, one failure below threshold 2: stays up',
    from: 'up',
    steps: ['F'],
    status: 'up',
    changes: [],
    after: [1, 0, 0, 0],
  },
  {
    name: 'up, blip then pass: failures reset',
    from: 'up',
    steps: ['F', 'P', 'F'],
    status: 'up',
    changes: [],
    after: [1, 0, 0, 0],
  },
  {
    name: 'up, threshold 1: down on first failure',
    from: 'up',
    thresholds: [1, 1],
    steps: ['F'],
    status: 'down',
    changes: [['up', 'down', 'boom']],
  },
  {
    name: 'up, threshold 3: two failures do not trip',
    from: 'up',
    thresholds: [3, 1],
    steps: ['F', 'F'],
    status: 'up',
    changes: [],
  },
  {
    name: 'up, threshold 3: three failures trip',
    from: 'up',
    thresholds: [3, 1],
    steps: ['F', 'F', 'F'],
    status: 'down',
    changes: [['up', 'down', 'boom']],
  },
  {
    name: 'up, threshold 3: a decisive failure (push past its deadline) is down at once',
    from: 'up',
    thresholds: [3, 1],
    steps: ['X'],
    status: 'down',
    changes: [['up', 'down', 'boom']],
    after: [1, 0, 0, 0],
  },
  {
    name: 'fresh monitor, threshold 5: a decisive failure is down at once',
    thresholds: [5, 1],
    steps: ['X'],
    status: 'down',
    changes: [['unknown', 'down', 'boom']],
  },
  {
    name: 'up, threshold 3: an ordinary failure then a decisive one: down at the decisive one',
    from: 'up',
    thresholds: [3, 1],
    steps: ['F', 'X'],
    status: 'down',
    changes: [['up', 'down', 'boom']],
  },
  {
    name: 'in maintenance, a decisive failure stays maintenance',
    from: 'up',
    thresholds: [3, 1],
    steps: ['mX'],
    status: 'maintenance',
    changes: [['up', 'maintenance', 'maintenance window']],
  },
  {
    name: 'up, further failures after down: no second change',
    from: 'up',
    thresholds: [1, 1],
    steps: ['F', 'F', 'F'],
    status: 'down',
    changes: [['up', 'down', 'boom']],
    after: [3, 0, 0, 0],
  },
  {
    name: 'up, one degraded pass below threshold 2: stays up',
    from: 'up',
    steps: ['D'],
    status: 'up',
    changes: [],
    after: [0, 1, 1, 0],
  },
  {
    name: 'up, two degraded passes: degraded',
    from: 'up',
    steps: ['D', 'D'],
    status: 'degraded',
    changes: [['up', 'degraded', 'response time 912 ms']],
  },
  {
    name: 'up, degraded passes broken by a clean one: stays up',
    from: 'up',
    steps: ['D', 'P', 'D'],
    status: 'up',
    changes: [],
    after: [0, 3, 1, 0],
  },
  {
    name: 'up, threshold 1: degraded on first slow pass',
    from: 'up',
    thresholds: [1, 1],
    steps: ['D'],
    status: 'degraded',
    changes: [['up', 'degraded', 'response time 912 ms']],
  },
  // from down
  {
    name: 'down, one pass with success threshold 1: up',
    from: 'down',
    thresholds: [2, 1],
    steps: ['P'],
    status: 'up',
    changes: [['down', 'up', null]],
  },
  {
    name: 'down, degraded pass: recovers to degraded',
    from: 'down',
    thresholds: [2, 1],
    steps: ['D'],
    status: 'degraded',
    changes: [['down', 'degraded', 'response time 912 ms']],
  },
  {
    name: 'down, success threshold 3: two passes do not recover',
    from: 'down',
    thresholds: [2, 3],
    steps: ['P', 'P'],
    status: 'down',
    changes: [],
    after: [0, 2, 0, 2],
  },
  {
    name: 'down, success threshold 3: three passes recover',
    from: 'down',
    thresholds: [2, 3],
    steps: ['P', 'P', 'P'],
    status: 'up',
    changes: [['down', 'up', null]],
  },
  {
    name: 'down, success threshold 3, mixed passes: degraded if the last is',
    from: 'down',
    thresholds: [2, 3],
    steps: ['P', 'P', 'D'],
    status: 'degraded',
    changes: [['down', 'degraded', 'response time 912 ms']],
  },
  {
    name: 'down, a failure restarts the recovery count',
    from: 'down',
    thresholds: [2, 2],
    steps: ['P', 'F', 'P'],
    status: 'down',
    changes: [],
    after: [0, 1, 0, 1],
  },
  // from degraded
  {
    name: 'degraded, one clean pass with success threshold 1: up',
    from: 'degraded',
    steps: ['P'],
    status: 'up',
    changes: [['degraded', 'up', null]],
  },
  {
    name: 'degraded, success threshold 3: two clean passes stay degraded',
    from: 'degraded',
    thresholds: [2, 3],
    steps: ['P', 'P'],
    status: 'degraded',
    changes: [],
  },
  {
    name: 'degraded, success threshold 3: clean count restarts after a slow pass',
    from: 'degraded',
    thresholds: [2, 3],
    steps: ['P', 'P', 'D', 'P', 'P'],
    status: 'degraded',
    changes: [],
  },
  {
    name: 'degraded, failures reach threshold: down',
    from: 'degraded',
    steps: ['F', 'F'],
    status: 'down',
    changes: [['degraded', 'down', 'boom']],
  },
  // flapping
  {
    name: 'flapping with threshold 2 never trips',
    from: 'up',
    steps: ['F', 'P', 'F', 'P', 'F', 'P'],
    status: 'up',
    changes: [],
  },
  {
    name: 'flapping with threshold 1 changes every step',
    from: 'up',
    thresholds: [1, 1],
    steps: ['F', 'P', 'F', 'P'],
    status: 'up',
    changes: [
      ['up', 'down', 'boom'],
      ['down', 'up', null],
      ['up', 'down', 'boom'],
      ['down', 'up', null],
    ],
  },
  // maintenance
  {
    name: 'entering maintenance from up',
    from: 'up',
    counters: [1, 0, 0, 0],
    steps: ['mF'],
    status: 'maintenance',
    changes: [['up', 'maintenance', 'maintenance window']],
    after: [0, 0, 0, 0],
  },
  {
    name: 'entering maintenance from down',
    from: 'down',
    steps: ['mP'],
    status: 'maintenance',
    changes: [['down', 'maintenance', 'maintenance window']],
  },
  {
    name: 'failures inside maintenance count for nothing',
    from: 'up',
    thresholds: [1, 1],
    steps: ['mF', 'mF', 'mF'],
    status: 'maintenance',
    changes: [['up', 'maintenance', 'maintenance window']],
    after: [0, 0, 0, 0],
  },
  {
    name: 'leaving maintenance with a pass: up',
    from: 'maintenance',
    steps: ['P'],
    status: 'up',
    changes: [['maintenance', 'up', null]],
  },
  {
    name: 'leaving maintenance with a degraded pass: degraded',
    from: 'maintenance',
    steps: ['D'],
    status: 'degraded',
    changes: [['maintenance', 'degraded', 'response time 912 ms']],
  },
  {
    name: 'leaving maintenance with one failure below threshold: unknown',
    from: 'maintenance',
    steps: ['F'],
    status: 'unknown',
    changes: [['maintenance', 'unknown', 'maintenance window ended']],
  },
  {
    name: 'leaving maintenance with failures at threshold: down',
    from: 'maintenance',
    steps: ['F', 'F'],
    status: 'down',
    changes: [
      ['maintenance', 'unknown', 'maintenance window ended'],
      ['unknown', 'down', 'boom'],
    ],
  },
  {
    name: 'leaving maintenance, threshold 1: down at once',
    from: 'maintenance',
    thresholds: [1, 1],
    steps: ['F'],
    status: 'down',
    changes: [['maintenance', 'down', 'boom']],
  },
  // offline
  {
    name: 'offline: failures do not count',
    from: 'up',
    thresholds: [1, 1],
    steps: ['oF', 'oF'],
    status: 'up',
    changes: [],
    after: [0, 0, 0, 0],
  },
  {
    name: 'offline: counters kept as they were',
    from: 'up',
    counters: [1, 0, 0, 0],
    steps: ['oF', 'oP'],
    status: 'up',
    changes: [],
    after: [1, 0, 0, 0],
  },
  {
    name: 'offline then online again: counting resumes',
    from: 'up',
    counters: [1, 0, 0, 0],
    steps: ['oF', 'F'],
    status: 'down',
    changes: [['up', 'down', 'boom']],
  },
  {
    name: 'offline does not recover a down monitor',
    from: 'down',
    thresholds: [2, 1],
    steps: ['oP'],
    status: 'down',
    changes: [],
  },
  {
    name: 'maintenance wins over offline',
    from: 'up',
    steps: ['moF'],
    status: 'maintenance',
    changes: [['up', 'maintenance', 'maintenance window']],
  },
];

function resultOf(step: Step, startedAt: number): CheckResult {
  const kind = step.at(-1);
  return {
    monitorId: 'api',
    startedAt,
    latencyMs: kind === 'D' ? 912.3 : 40,
    ok: kind !== 'F' && kind !== 'X',
    degraded: kind === 'D',
    ...(kind === 'F' || kind === 'X' ? { error: 'boom' } : {}),
    ...(kind === 'X' ? { decisive: true as const } : {}),
  };
}

function run(row: Row): { state: MonitorState; changes: StatusChange[] } {
  const [f, p, d, c] = row.counters ?? [0, 0, 0, 0];
  let state: MonitorState = {
    ...initialMonitorState('api'),
    status: row.from ?? 'unknown',
    statusSince: row.from ? 0 : null,
    consecutiveFailures: f,
    consecutivePasses: p,
    consecutiveDegraded: d,
    consecutiveClean: c,
  };
  const [failureThreshold, successThreshold] = row.thresholds ?? [2, 1];
  const changes: StatusChange[] = [];
  row.steps.forEach((step, i) => {
    const startedAt = (i + 1) * 1000;
    const ctx = { now: startedAt + 5, inMaintenance: step.includes('m'), offline: step.includes('o') };
    const out = evaluateResult(state, resultOf(step, startedAt), { failureThreshold, successThreshold }, ctx);
    if (out.change) {
      assert.equal(out.state.statusSince, startedAt + 5, 'statusSince is ctx.now on a change');
      assert.equal(out.change.at, startedAt, 'a change is dated by the result');
    } else {
      assert.equal(out.state.statusSince, state.statusSince, 'statusSince unchanged without a change');
    }
    state = out.state;
    if (out.change) changes.push(out.change);
  });
  return { state, changes };
}

for (const row of rows) {
  test(`evaluateResult: ${row.name}`, () => {
    const { state, changes } = run(row);
    assert.equal(state.status, row.status);
    assert.deepEqual(
      changes.map((c) => [c.from, c.to, c.reason]),
      row.changes,
    );
    for (const c of changes) assert.equal(c.monitorId, 'api');
    if (row.after) {
      assert.deepEqual(
        [state.consecutiveFailures, state.consecutivePasses, state.consecutiveDegraded, state.consecutiveClean],
        row.after,
      );
    }
  });
}

test('evaluateResult always records the last check, even offline', () => {
  const prev: MonitorState = { ...initialMonitorState('api'), status: 'up', lastError: 'old' };
  const result: CheckResult = { monitorId: 'api', startedAt: 7000, latencyMs: 33, ok: true, degraded: false };
  for (const ctx of [
    { now: 7001, inMaintenance: false, offline: false },
    { now: 7001, inMaintenance: true, offline: false },
    { now: 7001, inMaintenance: false, offline: true },
  ]) {
    const { state } = evaluateResult(prev, result, { failureThreshold: 2, successThreshold: 1 }, ctx);
    assert.deepEqual([state.lastCheckAt, state.lastLatencyMs, state.lastError], [7000, 33, null]);
  }
});

test('evaluateResult does not mutate its input', () => {
  const prev = Object.freeze({ ...initialMonitorState('api') });
  const result: CheckResult = { monitorId: 'api', startedAt: 1, latencyMs: 1, ok: false, degraded: false, error: 'x' };
  assert.doesNotThrow(() =>
    evaluateResult(
      prev,
      result,
      { failureThreshold: 1, successThreshold: 1 },
      { now: 2, inMaintenance: false, offline: false },
    ),
  );
  assert.equal(prev.status, 'unknown');
});
