/** Statuspage's timestamps: ISO 8601 with milliseconds, in UTC (the page's time_zone is Etc/UTC). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoTimeOrNull(ms: number | null): string | null {
  return ms === null ? null : isoTime(ms);
}

/** Statuspage's `start_date`: a calendar date, YYYY-MM-DD. */
export function isoDate(ms: number): string {
  return isoTime(ms).slice(0, 10);
}
