/**
 * A scheduled maintenance as the expansion reads it: the domain's own shape, so that it depends on no config
 * code. The config's `maintenanceSchema` (maintenance-schema.ts) validates one, and the compiler checks that
 * what it produces is assignable to this.
 */
export interface MaintenanceDefinition {
  readonly id: string;
  readonly title: string;
  /** Markdown */
  readonly body: string;
  /** IANA time zone that start, end, until without an offset, and the recurrence are read in */
  readonly time_zone: string;
  /** a date-time with an offset (an instant) or without one (a wall-clock time in time_zone) */
  readonly start: string;
  /** with a recurrence, every occurrence lasts end - start */
  readonly end: string;
  readonly components: readonly string[];
  readonly recurrence?: MaintenanceRecurrence;
}

/** Exactly one of rrule or cron (the config checks it; the expansion gives no window without either). */
export interface MaintenanceRecurrence {
  /** RFC 5545 rule parts, e.g. "FREQ=WEEKLY;BYDAY=SU"; DTSTART is the definition's start */
  readonly rrule?: string;
  /** 5 fields, e.g. "0 2 * * SUN", read in time_zone */
  readonly cron?: string;
  /** no occurrence starts after this date-time */
  readonly until?: string;
}
