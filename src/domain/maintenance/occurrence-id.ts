import { ID_PATTERN } from '../id-pattern.ts';

/**
 * A recurring maintenance's occurrence is named `${definitionId}~${yyyymmddhhmm}` (its UTC start), so links
 * to it stay stable while the schedule is re-expanded; a one-off window keeps the definition's id.
 * `~` cannot appear in an id, so the split is unambiguous.
 */
export function occurrenceId(definitionId: string, start: number): string {
  const iso = new Date(start).toISOString(); // 2026-12-06T01:30:00.000Z
  return `${definitionId}~${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

export interface ParsedOccurrenceId {
  definitionId: string;
  /** UTC start (minute precision) of the occurrence; null for a one-off window's id */
  start: number | null;
}

/** Split an occurrence id back into definition and start; null when it is neither form. */
export function parseOccurrenceId(id: string): ParsedOccurrenceId | null {
  const [definitionId = '', stamp, ...rest] = id.split('~');
  if (!ID_PATTERN.test(definitionId) || rest.length > 0) return null;
  if (stamp === undefined) return { definitionId, start: null };
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const start = Date.UTC(y, mo - 1, d, h, mi);
  return occurrenceId(definitionId, start) === id ? { definitionId, start } : null;
}
