import { setImmediate as nextTurn } from 'node:timers/promises';
import { checkTypes, isCheckKind } from '../../../checks/registry.ts';
import type { Incident } from '../../../domain/incident.ts';
import type { MonitorState } from '../../../domain/monitor-state.ts';
import type { ComponentStatus } from '../../../domain/statuses.ts';
import type { Store } from '../../../store/store.ts';
import type { ComponentHistory } from '../status-model.ts';
import { buildDayCells, DAY_MS, HISTORY_DAYS, utcDayStart } from './day-cells.ts';
import { latencySeries, measuredRollups, MIN_MEASURED_BUCKETS, RAW_POINTS_MAX } from './latency-series.ts';
import { periodUptime } from './period-uptime.ts';
import { RollupWindow } from './rollup-window.ts';
import { StatusChangeWindow } from './status-change-window.ts';

const HOUR = 3_600_000;

export interface HistoryComponent {
  id: string;
  status: ComponentStatus;
  monitors: { id: string; type: string }[];
}

/**
 * Per-component history for the public page: 90 day cells, uptime per period, latency series.
 * Rollups and status changes only, never raw results, read in bounded chunks; closed buckets and old changes are
 * kept in `windows` between calls, so a refresh reads only what can still change.
 */
export interface HistoryWindows {
  daily: RollupWindow;
  hourly: RollupWindow;
  changes: StatusChangeWindow;
}

export function historyWindows(): HistoryWindows {
  return {
    daily: new RollupWindow('day', DAY_MS),
    hourly: new RollupWindow('hour', HOUR),
    changes: new StatusChangeWindow(),
  };
}

export async function loadHistory(
  store: Store,
  components: readonly HistoryComponent[],
  incidents: readonly Incident[],
  states: readonly MonitorState[],
  now: number,
  windows: HistoryWindows = historyWindows(),
): Promise<Map<string, ComponentHistory>> {
  const monitorIds = [...new Set(components.flatMap((c) => c.monitors.map((m) => m.id)))];
  const first = utcDayStart(now) - (HISTORY_DAYS - 1) * DAY_MS;
  const hourFrom = Math.floor(now / HOUR) * HOUR - (7 * 24 - 1) * HOUR;
  // one after another, each in turns of its own: SQLite answers synchronously, so reads started together would
  // run back to back in one turn of the event loop
  const dailyBy = await windows.daily.refresh(store, monitorIds, first, now);
  await nextTurn();
  const hourlyBy = await windows.hourly.refresh(store, monitorIds, hourFrom, now);
  await nextTurn();
  const changes = await windows.changes.refresh(store, monitorIds, first, now);
  const changesBy = new Map<string, typeof changes>();
  for (const c of changes) {
    const list = changesBy.get(c.monitorId);
    if (list) list.push(c);
    else changesBy.set(c.monitorId, [c]);
  }
  const currentStatus = new Map(states.map((s) => [s.monitorId, s.status]));

  const out = new Map<string, ComponentHistory>();
  for (const [n, c] of components.entries()) {
    // ~1 ms per component with its 90 days: let requests and checks in between every few dozen
    if (n > 0 && n % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    const ids = c.monitors.map((m) => m.id);
    const cDaily = ids.flatMap((id) => dailyBy.get(id) ?? []);
    const cHourly = ids.flatMap((id) => hourlyBy.get(id) ?? []);
    const latencyMonitor = c.monitors.find((m) => isCheckKind(m.type) && checkTypes[m.type].measuresLatency);
    const latencyHourly = latencyMonitor ? (hourlyBy.get(latencyMonitor.id) ?? []) : [];
    // a fresh install (fewer measured hours than a chart needs): the charts show the last raw checks, one query per
    // such monitor, and only until there are enough hourly buckets
    const raw =
      latencyMonitor && measuredRollups(latencyHourly) < MIN_MEASURED_BUCKETS
        ? await store.listResults(latencyMonitor.id, { from: now - DAY_MS, to: now + 1, limit: RAW_POINTS_MAX })
        : [];
    out.set(c.id, {
      days: buildDayCells({
        now,
        monitorIds: ids,
        dailyRollups: cDaily,
        statusChanges: ids.flatMap((id) => changesBy.get(id) ?? []).sort((a, b) => a.at - b.at),
        currentStatus,
        incidents: incidents.filter((i) => i.componentIds.includes(c.id)),
        componentStatusNow: c.status,
      }),
      uptime: periodUptime(now, cHourly, cDaily),
      latency: latencyMonitor ? latencySeries(now, latencyHourly, dailyBy.get(latencyMonitor.id) ?? [], raw) : null,
    });
  }
  return out;
}
