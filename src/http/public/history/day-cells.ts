import type { Incident } from '../../../domain/incident.ts';
import type { StatusChange } from '../../../domain/monitor-state.ts';
import type { ComponentStatus, MonitorStatus } from '../../../domain/statuses.ts';
import type { Rollup } from '../../../store/store.ts';
import type { DayCell, DayState } from '../status-model.ts';
import { stateForImpact, worseOf } from './severity.ts';

export const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 90;

export interface DayCellInput {
  now: number;
  monitorIds: readonly string[];
  /** daily rollups of those monitors over the 90 days */
  dailyRollups: readonly Rollup[];
  /** status changes of those monitors over the 90 days, oldest first */
  statusChanges: readonly StatusChange[];
  /** each monitor's status now (for monitors with no change in the window) */
  currentStatus: ReadonlyMap<string, MonitorStatus>;
  /** incidents that affect the component */
  incidents: readonly Incident[];
  componentStatusNow: ComponentStatus;
}

export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * 90 UTC days, oldest first, each coloured by the worst of: what its monitors went through (status changes) and
 * the incidents open that day; uptime from the daily rollups. Today's cell also reflects the status right now.
 */
export function buildDayCells(input: DayCellInput): DayCell[] {
  const today = utcDayStart(input.now);
  const first = today - (HISTORY_DAYS - 1) * DAY_MS;
  const cells: DayCell[] = [];
  for (let i = 0; i < HISTORY_DAYS; i++) {
    const start = first + i * DAY_MS;
    cells.push({
      day: new Date(start).toISOString().slice(0, 10),
      start,
      uptime: null,
      worst: 'no_data',
      incidentIds: [],
      checks: 0,
      failures: 0,
    });
  }
  const index = (ms: number) => Math.floor((ms - first) / DAY_MS);
  const maintenance = new Array<number>(HISTORY_DAYS).fill(0);
  for (const r of input.dailyRollups) {
    const cell = cells[index(r.bucketStart)];
    if (!cell) continue;
    cell.checks += r.checks;
    cell.failures += r.failures;
    maintenance[index(r.bucketStart)]! += r.maintenance;
  }
  cells.forEach((cell, i) => {
    const counted = cell.checks - maintenance[i]!;
    cell.uptime = counted > 0 ? (counted - cell.failures) / counted : null;
    if (cell.checks > 0) cell.worst = maintenance[i] === cell.checks ? 'under_maintenance' : 'operational';
  });
  applyMonitorIntervals(input, cells, first);
  for (const incident of input.incidents) {
    const end = incident.resolvedAt ?? input.now;
    for (let i = Math.max(0, index(incident.createdAt)); i <= Math.min(HISTORY_DAYS - 1, index(end)); i++) {
      const cell = cells[i]!;
      cell.incidentIds.push(incident.id);
      cell.worst = worseOf(cell.worst, stateForImpact(incident.impact));
    }
  }
  const last = cells[HISTORY_DAYS - 1]!;
  if (input.componentStatusNow !== 'operational' || last.worst === 'no_data')
    last.worst = worseOf(last.worst, input.componentStatusNow);
  return cells;
}

/** Walk each monitor's status through the window and mark every day it spent degraded, down or in maintenance. */
function applyMonitorIntervals(input: DayCellInput, cells: DayCell[], first: number): void {
  const many = input.monitorIds.length > 1;
  const stateOf = (s: MonitorStatus): DayState | undefined =>
    s === 'down'
      ? many
        ? 'partial_outage'
        : 'major_outage'
      : s === 'degraded'
        ? 'degraded_performance'
        : s === 'maintenance'
          ? 'under_maintenance'
          : undefined;
  const mark = (status: MonitorStatus, from: number, to: number) => {
    const state = stateOf(status);
    if (!state) return;
    const a = Math.max(0, Math.floor((from - first) / DAY_MS));
    const b = Math.min(HISTORY_DAYS - 1, Math.floor((to - first) / DAY_MS));
    for (let i = a; i <= b; i++) cells[i]!.worst = worseOf(cells[i]!.worst, state);
  };
  for (const id of input.monitorIds) {
    const changes = input.statusChanges.filter((c) => c.monitorId === id);
    let status: MonitorStatus = changes[0]?.from ?? input.currentStatus.get(id) ?? 'unknown';
    let since = first;
    for (const c of changes) {
      mark(status, since, c.at);
      status = c.to;
      since = c.at;
    }
    mark(status, since, input.now);
  }
}
