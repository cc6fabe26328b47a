import type { Incident } from '../incident.ts';
import type { MaintenanceWindow } from '../maintenance-windows.ts';
import type { StatusChange } from '../monitor-state.ts';
import { componentTimeline, type ComponentCondition } from './component-timeline.ts';
import { incidentsInPeriod, type IncidentInPeriod } from './sla-incidents.ts';
import { clipIntervals, subtractIntervals, totalMs, unionIntervals, type TimeInterval } from './time-intervals.ts';
import { uptimePercent } from './uptime-percent.ts';

export interface ComponentSlaInput {
  componentId: string;
  /** the period measured, [from, to): a month, or the current month up to now */
  from: number;
  to: number;
  /** when the component first existed (ms since epoch); time before it counts for nothing. null: always existed */
  createdAt: number | null;
  monitorIds: readonly string[];
  /** changes of those monitors in [from, to) plus, per monitor, the last one before `from`; others are ignored */
  statusChanges: readonly StatusChange[];
  /** any windows: those naming the component count */
  maintenances: readonly MaintenanceWindow[];
  /** any incidents: those naming the component and open during the period are listed */
  incidents: readonly Incident[];
  /** where still-open incidents end */
  now: number;
}

/** One component's month. Every duration leaves out maintenance and the time before the component existed. */
export interface ComponentSla {
  componentId: string;
  periodMs: number;
  /** part of the period before the component existed */
  notExistingMs: number;
  maintenanceMs: number;
  /** period − not existing − maintenance: the denominator of the uptime */
  countedMs: number;
  /** partial + major outage */
  downtimeMs: number;
  partialOutageMs: number;
  majorOutageMs: number;
  degradedMs: number;
  /** no monitor knew a status (not checked yet): counted as up, shown apart */
  noDataMs: number;
  /** 100 × (1 − downtime / counted), 3 decimals rounded down; null when nothing was counted or nothing known */
  uptimePercent: number | null;
  /** the downtime itself, merged, for unions across components */
  downtime: TimeInterval[];
  incidents: IncidentInPeriod[];
}

export function computeComponentSla(input: ComponentSlaInput): ComponentSla {
  const { from, to } = input;
  const periodMs = Math.max(0, to - from);
  const existsFrom = Math.min(to, Math.max(from, input.createdAt ?? from));
  const maintenance = unionIntervals(
    clipIntervals(
      input.maintenances.filter((w) => w.componentIds.includes(input.componentId)),
      existsFrom,
      to,
    ),
  );
  const spans = componentTimeline({
    from: existsFrom,
    to,
    monitorIds: input.monitorIds,
    statusChanges: input.statusChanges,
  });
  const during = (...conditions: ComponentCondition[]) =>
    subtractIntervals(
      spans.filter((s) => conditions.includes(s.condition)),
      maintenance,
    );

  const maintenanceMs = totalMs(maintenance);
  const countedMs = to - existsFrom - maintenanceMs;
  const downtime = during('partial_outage', 'major_outage');
  const downtimeMs = totalMs(downtime);
  const noDataMs = totalMs(during('no_data'));
  return {
    componentId: input.componentId,
    periodMs,
    notExistingMs: existsFrom - from,
    maintenanceMs,
    countedMs,
    downtimeMs,
    partialOutageMs: totalMs(during('partial_outage')),
    majorOutageMs: totalMs(during('major_outage')),
    degradedMs: totalMs(during('degraded')),
    noDataMs,
    uptimePercent: noDataMs >= countedMs ? null : uptimePercent(downtimeMs, countedMs),
    downtime,
    incidents: incidentsInPeriod(input.incidents, [input.componentId], { from, to, now: input.now }),
  };
}
