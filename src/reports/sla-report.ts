import type { ComponentSla } from '../domain/sla/component-sla.ts';
import type { MaintenanceWindow } from '../domain/maintenance-windows.ts';
import { monthPeriod } from '../domain/sla/month-period.ts';
import { computePageSla } from '../domain/sla/page-sla.ts';
import type { IncidentInPeriod } from '../domain/sla/sla-incidents.ts';
import { roundDownPercent } from '../domain/sla/uptime-percent.ts';
import type { Store, UptimeFigures } from '../store/store.ts';
import { loadIncidentsAround, loadStatusChangesWithPrevious } from './load-sla-inputs.ts';
import type { SlaComponentReport, SlaIncident, SlaMonitorChecks, SlaReport } from './sla-report-schema.ts';

export interface SlaReportComponent {
  id: string;
  name: string;
  monitorIds: readonly string[];
  /** ms since epoch (StoredComponent.createdAt); null when unknown: counted from the start of the month */
  createdAt: number | null;
}

export interface SlaReportRequest {
  /** YYYY-MM; months after the current one are refused (MonthPeriodError) */
  month: string;
  /** IANA zone the month's edges are midnight in; UTC by default */
  timeZone?: string;
  /** the page's components, in the order the report lists them */
  components: readonly SlaReportComponent[];
  /** every maintenance window known (config and API); those naming a component count for it */
  maintenances: readonly MaintenanceWindow[];
  now: number;
}

/**
 * The monthly SLA report of a page's components. Reads from the store only the month's status changes (plus each
 * monitor's last one before it), the incidents around the month and each monitor's rollup uptime; the figures come
 * from src/domain/sla. The current month is measured up to `now`.
 */
export async function buildSlaReport(store: Store, request: SlaReportRequest): Promise<SlaReport> {
  const { now, components } = request;
  const period = monthPeriod(request.month, request.timeZone ?? 'UTC', now);
  const until = Math.min(period.to, now);
  const monitorIds = [...new Set(components.flatMap((c) => c.monitorIds))];
  const [statusChanges, incidents, checks] = await Promise.all([
    loadStatusChangesWithPrevious(store, monitorIds, period.from, until),
    loadIncidentsAround(store, period.from, until),
    Promise.all(monitorIds.map(async (id) => [id, await store.uptime(id, { from: period.from, to: until })] as const)),
  ]);
  const checksBy = new Map(checks);
  const page = computePageSla(
    components.map((c) => ({
      componentId: c.id,
      from: period.from,
      to: until,
      createdAt: c.createdAt,
      monitorIds: c.monitorIds,
      statusChanges,
      maintenances: request.maintenances,
      incidents,
      now,
    })),
  );
  return {
    period: {
      month: period.month,
      timeZone: period.timeZone,
      from: iso(period.from),
      to: iso(period.to),
      measuredUntil: iso(until),
      complete: until === period.to,
    },
    generatedAt: iso(now),
    components: components.map((c, i) => componentReport(c, page.components[i]!, checksBy)),
    aggregate: {
      componentCount: page.aggregate.componentCount,
      uptimePercent: page.aggregate.uptimePercent,
      downtimeMinutes: minutes(page.aggregate.downtimeMs),
      incidentCount: page.aggregate.incidentCount,
    },
  };
}

function componentReport(
  c: SlaReportComponent,
  sla: ComponentSla,
  checksBy: ReadonlyMap<string, UptimeFigures>,
): SlaComponentReport {
  const monitors = [...new Set(c.monitorIds)].map((id) =>
    monitorChecks(id, checksBy.get(id) ?? { checks: 0, failures: 0, maintenance: 0, uptime: null }),
  );
  const total = { checks: 0, failures: 0, maintenance: 0 };
  for (const m of monitors) {
    total.checks += m.checks;
    total.failures += m.failures;
    total.maintenance += m.maintenance;
  }
  const counted = total.checks - total.maintenance;
  return {
    id: c.id,
    name: c.name,
    createdAt: c.createdAt === null ? null : iso(c.createdAt),
    uptimePercent: sla.uptimePercent,
    periodMinutes: minutes(sla.periodMs),
    notExistingMinutes: minutes(sla.notExistingMs),
    maintenanceMinutes: minutes(sla.maintenanceMs),
    countedMinutes: minutes(sla.countedMs),
    downtimeMinutes: minutes(sla.downtimeMs),
    partialOutageMinutes: minutes(sla.partialOutageMs),
    majorOutageMinutes: minutes(sla.majorOutageMs),
    degradedMinutes: minutes(sla.degradedMs),
    noDataMinutes: minutes(sla.noDataMs),
    incidentCount: sla.incidents.length,
    incidents: sla.incidents.map(incidentReport),
    checks: {
      ...total,
      uptimePercent: counted > 0 ? roundDownPercent((100 * (counted - total.failures)) / counted) : null,
      monitors,
    },
  };
}

function monitorChecks(monitorId: string, f: UptimeFigures): SlaMonitorChecks {
  return {
    monitorId,
    checks: f.checks,
    failures: f.failures,
    maintenance: f.maintenance,
    uptimePercent: f.uptime === null ? null : roundDownPercent(100 * f.uptime),
  };
}

function incidentReport(i: IncidentInPeriod): SlaIncident {
  return {
    id: i.id,
    name: i.name,
    impact: i.impact,
    status: i.status,
    startedAt: iso(i.startedAt),
    resolvedAt: i.resolvedAt === null ? null : iso(i.resolvedAt),
    durationMinutes: minutes(i.durationMs),
    minutesInPeriod: minutes(i.inPeriodMs),
  };
}

/** 3 decimals of a minute (60 ms) is finer than any check interval */
function minutes(ms: number): number {
  return Math.round(ms / 60) / 1000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
