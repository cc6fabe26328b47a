import { z } from 'zod';

/** Every time in the admin API: ISO-8601 in UTC, e.g. 2026-12-06T18:32:00.000Z. */
export const apiTime = z.iso.datetime();

export const isoTime = (ms: number): string => new Date(ms).toISOString();
export const isoTimeOrNull = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : isoTime(ms);
