/** Months as the history page's `?month=YYYY-MM` names them, in UTC. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** The UTC month of a moment, as YYYY-MM. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** [start, end) of a YYYY-MM month in ms since epoch. */
export function monthRange(month: string): [number, number] {
  const [, y, m] = MONTH.exec(month) ?? [];
  const year = Number(y);
  const index = Number(m) - 1;
  return [Date.UTC(year, index, 1), Date.UTC(year, index + 1, 1)];
}

export function shiftMonth(month: string, delta: number): string {
  const [start] = monthRange(month);
  const d = new Date(start);
  return monthOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1));
}
