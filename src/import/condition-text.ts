/** A value on a condition's right side, quoted so that spaces, commas and quotes stay literal. */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Accepted status codes ("200-299", "301") as conditions that all hold: one range is two bounds; several are listed
 * with any() when that stays short (at most 300 codes), otherwise the span from the lowest to the highest (approximate).
 */
export function statusCodeConditions(accepted: readonly string[]): { conditions: string[]; approximate?: string } {
  const ranges = accepted
    .map((s) => /^\s*(\d{3})(?:\s*-\s*(\d{3}))?\s*$/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2] ?? m[1])] as const);
  if (ranges.length === 0)
    return {
      conditions: ['[STATUS] < 400'],
      approximate: `status codes ${accepted.join(', ')} not understood; [STATUS] < 400 instead`,
    };
  if (ranges.length === 1) {
    const [lo, hi] = ranges[0]!;
    return { conditions: lo === hi ? [`[STATUS] == ${lo}`] : [`[STATUS] >= ${lo}`, `[STATUS] <= ${hi}`] };
  }
  const codes = [...new Set(ranges.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)))].sort(
    (a, b) => a - b,
  );
  if (codes.length <= 300) return { conditions: [`[STATUS] == any(${codes.join(', ')})`] };
  const lo = codes[0]!;
  const hi = codes.at(-1)!;
  return {
    conditions: [`[STATUS] >= ${lo}`, `[STATUS] <= ${hi}`],
    approximate: `status codes ${accepted.join(', ')} widened to ${lo}-${hi}`,
  };
}
