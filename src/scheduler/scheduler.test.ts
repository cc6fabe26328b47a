import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { nextSlot, phaseOf } from './phase.ts';
import { Scheduler } from './scheduler.ts';

describe('phase', () => {
  test('is stable and inside the interval', () => {
    for (const id of ['a', 'api-health', 'x'.repeat(60)]) {
      const p = phaseOf(id, 30_000);
      assert.equal(p, phaseOf(id, 30_000));
      assert.ok(p >= 0 && p < 30_000);
    }
  });

  test('spreads 10,000 monitors evenly over the interval', () => {
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(phaseOf(`m${i}`, 30_000) / 3000)] += 1;
    for (const b of buckets) assert.ok(b > 850 && b < 1150, `bucket ${b}`);
  });

  test('next slot is the first time at or after now with the phase', () => {
    const rows: [number, number, number, number][] = [
      [0, 1000, 200, 200],
      [200, 1000, 200, 200],
      [201, 1000, 200, 1200],
      [5_432, 1000, 0, 6000],
    ];
    for (const [now, interval, phase, expected] of rows) assert.equal(nextSlot(now, interval, phase), expected);
  });
});

describe('scheduler', () => {
  test('runs each job once per interval', async () => {
    const runs = new Map<string, number>();
    const s = new Scheduler({ concurrency: 10 });
    for (const id of ['a', 'b', 'c'])
      s.add({ id, intervalMs: 50, run: async () => void runs.set(id, (runs.get(id) ?? 0) + 1) });
    s.start();
    await sleep(520);
    await s.stop();
    for (const id of ['a', 'b', 'c']) {
      const n = runs.get(id) ?? 0;
      // never more than once per 50 ms slot (at most 11 in 520 ms, +1 for the edge); at least a few even on a loaded machine
      assert.ok(n >= 3 && n <= 12, `${id} ran ${n} times`);
    }
    // drift is recorded for every run; how small it is, is measured by bench/checks, not asserted here
    assert.ok(s.drift.quantile(0.99) >= 0);
  });

  test('a job never overlaps itself: a slow run skips its next slots', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const s = new Scheduler({ concurrency: 10 });
    s.add({
      id: 'slow',
      intervalMs: 20,
      run: async () => {
        running += 1;
        runs += 1;
        maxRunning = Math.max(maxRunning, running);
        await sleep(70);
        running -= 1;
      },
    });
    s.start();
    await sleep(300);
    await s.stop();
    assert.equal(maxRunning, 1);
    assert.ok(s.skipped > 0);
    assert.ok(runs >= 3 && runs <= 6, `ran ${runs}`);
  });

  test('the concurrency limit holds, and a slow job does not delay the others', async () => {
    let running = 0;
    let maxRunning = 0;
    const fastRuns: number[] = [];
    const s = new Scheduler({ concurrency: 3 });
    for (let i = 0; i < 2; i++) {
      s.add({
        id: `slow${i}`,
        intervalMs: 1000,
        run: async () => {
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await sleep(400);
          running -= 1;
        },
      });
    }
    s.add({
      id: 'fast',
      intervalMs: 40,
      run: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        fastRuns.push(Date.now());
        running -= 1;
      },
    });
    s.start();
    await sleep(400);
    await s.stop();
    assert.ok(maxRunning <= 3);
    assert.ok(fastRuns.length >= 8, `fast ran ${fastRuns.length} times`);
  });

  test('removed jobs stop running; a rejected run is reported, not thrown', async () => {
    const errors: string[] = [];
    let runs = 0;
    const s = new Scheduler({ concurrency: 2, onError: (id) => errors.push(id) });
    s.add({ id: 'bad', intervalMs: 30, run: () => Promise.reject(new Error('boom')) });
    s.add({ id: 'gone', intervalMs: 30, run: async () => void (runs += 1) });
    s.start();
    await sleep(100);
    s.remove('gone');
    const before = runs;
    await sleep(100);
    await s.stop();
    assert.equal(runs, before);
    assert.ok(errors.length >= 2 && errors.every((e) => e === 'bad'));
  });

  test('after a restart a job runs within one interval of its last run, not at its next phase slot', async () => {
    const ran: string[] = [];
    const s = new Scheduler({ concurrency: 4 });
    const now = Date.now();
    s.add(
      { id: 'almost-due', intervalMs: 60_000, run: async () => void ran.push('almost-due') },
      { lastRunAt: now - 59_850 },
    );
    s.add(
      { id: 'overdue', intervalMs: 1_000, run: async () => void ran.push('overdue') },
      { lastRunAt: now - 3_600_000 },
    );
    s.start();
    await sleep(1100);
    await s.stop();
    assert.ok(ran.includes('almost-due'), 'the job due 150 ms after start ran');
    assert.ok(ran.includes('overdue'), 'the overdue job ran within its interval');
  });
});
