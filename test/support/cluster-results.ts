import { phaseOf } from '../../src/scheduler/phase.ts';

/**
 * Judging stored results of one monitor (started_at times, ascending). A monitor runs at a stable phase within its
 * interval on whichever worker owns it, and a run never starts before its planned time; so two workers checking one
 * monitor at once store two results in one phase slot [phase + k·interval, phase + (k+1)·interval). One worker
 * stores at most one per slot: a catch-up run after a takeover falls in the slot before its next planned run.
 */
export function sameSlotPairs(
  monitorId: string,
  times: readonly number[],
  intervalMs: number,
  handovers: readonly number[] = [],
): [number, number][] {
  const phase = phaseOf(monitorId, intervalMs);
  const slot = (t: number) => Math.floor((t - phase) / intervalMs);
  // one check before a takeover, the new owner's catch-up after it: one after the other, not at once
  const straddles = (a: number, b: number) => handovers.some((h) => a < h && h <= b);
  const pairs: [number, number][] = [];
  for (let i = 1; i < times.length; i++)
    if (slot(times[i]!) === slot(times[i - 1]!) && !straddles(times[i - 1]!, times[i]!))
      pairs.push([times[i - 1]!, times[i]!]);
  return pairs;
}

/** The longest time in [from, to] without a result (the edges count as ends of gaps). */
export function longestGap(
  times: readonly number[],
  from: number,
  to: number,
): { ms: number; from: number; to: number } {
  const inside = times.filter((t) => t >= from && t <= to);
  const points = [from, ...inside, to];
  let best = { ms: 0, from, to: from };
  for (let i = 1; i < points.length; i++) {
    const ms = points[i]! - points[i - 1]!;
    if (ms > best.ms) best = { ms, from: points[i - 1]!, to: points[i]! };
  }
  return best;
}

/** the smallest distance between consecutive results (a figure for the report) */
export function smallestSpacing(times: readonly number[]): number {
  let min = Infinity;
  for (let i = 1; i < times.length; i++) min = Math.min(min, times[i]! - times[i - 1]!);
  return min;
}

/**
 * The checks that reached the target (arrival times) with no stored result started shortly before: lost results.
 * Both lists ascending; each stored result answers for one arrival at most.
 */
export function unmatchedChecks(arrivals: readonly number[], stored: readonly number[], maxDelayMs: number): number[] {
  const missing: number[] = [];
  let j = 0;
  for (const at of arrivals) {
    while (j < stored.length && stored[j]! < at - maxDelayMs) j++;
    if (j < stored.length && stored[j]! <= at) j++;
    else missing.push(at);
  }
  return missing;
}
