import type { SlaReport } from './sla-report-schema.ts';

type Cell = string | number | null;

const COLUMNS = [
  'component_id',
  'component_name',
  'uptime_percent',
  'downtime_minutes',
  'partial_outage_minutes',
  'major_outage_minutes',
  'maintenance_minutes',
  'incidents',
  'degraded_minutes',
  'check_uptime_percent',
] as const;

/**
 * One row per component, RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled. Text that a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading
 * apostrophe. An unknown uptime is an empty cell.
 */
export function renderSlaCsv(report: SlaReport): string {
  const rows: Cell[][] = [
    [...COLUMNS],
    ...report.components.map((c) => [
      c.id,
      c.name,
      c.uptimePercent,
      c.downtimeMinutes,
      c.partialOutageMinutes,
      c.majorOutageMinutes,
      c.maintenanceMinutes,
      c.incidentCount,
      c.degradedMinutes,
      c.checks.uptimePercent,
    ]),
  ];
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: numbers as they are, text defused then quoted when needed. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
