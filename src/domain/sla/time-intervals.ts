/** Half-open spans of time [start, end) in ms since epoch, and the set arithmetic the SLA figures are made of. */
export interface TimeInterval {
  start: number;
  end: number;
}

/** Sorted, non-overlapping, non-empty: touching or overlapping spans are merged. */
export function unionIntervals(intervals: readonly TimeInterval[]): TimeInterval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: TimeInterval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** The parts of `intervals` inside [start, end). */
export function clipIntervals(intervals: readonly TimeInterval[], start: number, end: number): TimeInterval[] {
  const out: TimeInterval[] = [];
  for (const i of intervals) {
    const s = Math.max(i.start, start);
    const e = Math.min(i.end, end);
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

/** The parts of `intervals` outside every span of `holes`. */
export function subtractIntervals(intervals: readonly TimeInterval[], holes: readonly TimeInterval[]): TimeInterval[] {
  const cuts = unionIntervals(holes);
  const out: TimeInterval[] = [];
  for (const i of unionIntervals(intervals)) {
    let cursor = i.start;
    for (const h of cuts) {
      if (h.end <= cursor) continue;
      if (h.start >= i.end) break;
      if (h.start > cursor) out.push({ start: cursor, end: h.start });
      cursor = Math.max(cursor, h.end);
      if (cursor >= i.end) break;
    }
    if (cursor < i.end) out.push({ start: cursor, end: i.end });
  }
  return out;
}

/** Total length of the union, so overlapping spans count once. */
export function totalMs(intervals: readonly TimeInterval[]): number {
  return unionIntervals(intervals).reduce((sum, i) => sum + (i.end - i.start), 0);
}
