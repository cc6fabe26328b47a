import { z } from 'zod';
import { parseDuration } from '../domain/duration.ts';

/** Marks a duration field in the schema's metadata (and its JSON Schema), so the admin API can find every one. */
export const DURATION_MARK = 'x-duration';

/** A duration field: accepts "30s"-style text or a number of ms; yields ms. */
export function durationMs(opts: { min?: number } = {}) {
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (use e.g. 500ms, 30s, 5m, 2h, 14d)` });
        return z.NEVER;
      }
      if (opts.min !== undefined && ms < opts.min) {
        ctx.addIssue({ code: 'custom', message: `must be at least ${opts.min} ms, got ${ms} ms` });
        return z.NEVER;
      }
      return ms;
    })
    .meta({ [DURATION_MARK]: true });
}
