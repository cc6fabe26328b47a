import { z } from 'zod';
import { compileCron } from '../domain/maintenance/cron-recurrence.ts';
import type { MaintenanceDefinition } from '../domain/maintenance/maintenance-definition.ts';
import { nextOccurrence } from '../domain/maintenance/maintenance-schedule.ts';
import { parseRruleText, RecurrenceSyntaxError } from '../domain/maintenance/rrule-text.ts';
import { isValidTimeZone, parseMaintenanceDateTime } from '../domain/maintenance/wall-clock.ts';
import { idSchema } from './id-schema.ts';

/**
 * A scheduled maintenance, as written in the config file and sent to the admin API (so it refers to
 * nothing outside itself; whether its components exist is checked by whoever holds the components).
 */

const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .superRefine((name, ctx) => {
    if (!isValidTimeZone(name))
      ctx.addIssue({
        code: 'custom',
        message: `unknown time zone "${name}": use an IANA name such as Europe/Berlin or UTC`,
      });
  });

/** With an offset it is an instant; without one it is a wall-clock time in the maintenance's time_zone. */
const dateTimeSchema = z
  .string()
  .max(40)
  .refine((text) => !Number.isNaN(parseMaintenanceDateTime(text, 'UTC')), {
    message:
      'must be a date-time such as 2026-12-01T02:00 (in time_zone) or 2026-12-01T02:00:00Z / 2026-12-01T02:00:00+01:00',
  });

/** A zod check that reports a parser's RecurrenceSyntaxError as an issue on the field. */
function parsedBy(parse: (text: string) => unknown, kind: string) {
  return (text: string, ctx: z.RefinementCtx): void => {
    try {
      parse(text);
    } catch (err) {
      if (!(err instanceof RecurrenceSyntaxError)) throw err;
      const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
      ctx.addIssue({ code: 'custom', message: `invalid ${kind} "${shown}": ${err.message}` });
    }
  };
}

function oneRecurrenceKind(r: { rrule?: string; cron?: string }): boolean {
  return (r.rrule === undefined) !== (r.cron === undefined);
}

export const maintenanceRecurrenceSchema = z
  .object({
    /** RFC 5545 rule parts, e.g. "FREQ=WEEKLY;BYDAY=SU;COUNT=10"; DTSTART is the window's start in time_zone. */
    rrule: z.string().min(1).max(500, { abort: true }).superRefine(parsedBy(parseRruleText, 'RRULE')).optional(),
    /** 5 fields, e.g. "0 2 * * SUN", read in time_zone; occurrences start at or after the window's start. */
    cron: z.string().min(1).max(100, { abort: true }).superRefine(parsedBy(compileCron, 'cron expression')).optional(),
    /** No occurrence starts after this date-time. */
    until: dateTimeSchema.optional(),
  })
  .strict()
  .refine(oneRecurrenceKind, { message: 'give exactly one of rrule or cron' });
export type MaintenanceRecurrenceConfig = z.infer<typeof maintenanceRecurrenceSchema>;

/** The fields, for callers that need to derive another object schema (refinements do not survive .extend). */
export const maintenanceFields = {
  id: idSchema,
  title: z.string().min(1).max(300),
  /** Markdown */
  body: z.string().max(20_000).default(''),
  /** IANA time zone that start, end and until without an offset, and the recurrence, are read in. */
  time_zone: timeZoneSchema.default('UTC'),
  start: dateTimeSchema,
  /** With a recurrence, every occurrence lasts end - start. */
  end: dateTimeSchema,
  components: z.array(idSchema).min(1).max(1000),
  recurrence: maintenanceRecurrenceSchema.optional(),
};

export const maintenanceSchema = z
  .object(maintenanceFields)
  .strict()
  .superRefine((m, ctx) => {
    const start = parseMaintenanceDateTime(m.start, m.time_zone);
    const end = parseMaintenanceDateTime(m.end, m.time_zone);
    if (end <= start) ctx.addIssue({ code: 'custom', message: 'end must be after start', path: ['end'] });
    const until = m.recurrence?.until === undefined ? NaN : parseMaintenanceDateTime(m.recurrence.until, m.time_zone);
    if (until < start)
      ctx.addIssue({ code: 'custom', message: 'until must not be before start', path: ['recurrence', 'until'] });
    else if (
      m.recurrence &&
      oneRecurrenceKind(m.recurrence) &&
      end > start &&
      isValidTimeZone(m.time_zone) &&
      !hasAnOccurrence(m, start)
    ) {
      const field = m.recurrence.rrule === undefined ? 'cron' : 'rrule';
      const span = m.recurrence.until === undefined ? 'at or after start' : 'between start and until';
      ctx.addIssue({ code: 'custom', message: `${field} gives no occurrence ${span}`, path: ['recurrence', field] });
    }
  }) satisfies z.ZodType<MaintenanceDefinition>; // what the config gives is what the domain expands
export type MaintenanceConfig = z.infer<typeof maintenanceSchema>;

/** A rule that never matches (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30) is a mistake; syntax errors are reported on their field. */
function hasAnOccurrence(m: MaintenanceConfig, start: number): boolean {
  try {
    return nextOccurrence(m, start) !== null;
  } catch (err) {
    if (err instanceof RecurrenceSyntaxError) return true;
    throw err;
  }
}
