import type { ComponentConfig } from '../../src/config/schema.ts';
import { componentSchema } from '../../src/config/schema.ts';
import { monitorSchema, type MonitorConfig } from '../../src/config/monitor-schema.ts';
import type { Incident, IncidentUpdate } from '../../src/domain/incident.ts';
import { initialMonitorState, type MonitorState } from '../../src/domain/monitor-state.ts';
import type { RecordedResult, ResultBatch } from '../../src/store/store.ts';

/** A Wednesday, midnight UTC: day and hour edges are easy to see in tests. */
export const T0 = Date.UTC(2026, 0, 7);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function monitorConfig(id: string, overrides: Record<string, unknown> = {}): MonitorConfig {
  return monitorSchema.parse({ id, type: 'http', url: `https://${id}.example.com/health`, ...overrides });
}

export function componentConfig(
  id: string,
  monitors: string[] = [],
  overrides: Record<string, unknown> = {},
): ComponentConfig {
  return componentSchema.parse({ id, name: id.toUpperCase(), monitors, ...overrides });
}

export function result(monitorId: string, startedAt: number, overrides: Partial<RecordedResult> = {}): RecordedResult {
  return {
    monitorId,
    startedAt,
    latencyMs: 100,
    ok: true,
    degraded: false,
    maintenance: false,
    statusCode: 200,
    error: null,
    ...overrides,
  };
}

export function failure(monitorId: string, startedAt: number, error = 'connect ECONNREFUSED'): RecordedResult {
  return result(monitorId, startedAt, { ok: false, latencyMs: 5, statusCode: null, error });
}

export function batch(parts: Partial<ResultBatch>): ResultBatch {
  return { results: [], states: [], statusChanges: [], incidents: [], componentStatuses: [], ...parts };
}

export function monitorState(monitorId: string, overrides: Partial<MonitorState> = {}): MonitorState {
  return { ...initialMonitorState(monitorId), ...overrides };
}

export function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    name: `Incident ${id}`,
    status: 'investigating',
    impact: 'major',
    source: 'auto',
    componentIds: [],
    createdAt: T0,
    updatedAt: T0,
    resolvedAt: null,
    updates: [],
    postmortem: null,
    takenOverBy: null,
    ...overrides,
  };
}

export function incidentUpdate(
  id: string,
  incidentId: string,
  createdAt: number,
  overrides: Partial<IncidentUpdate> = {},
): IncidentUpdate {
  return {
    id,
    incidentId,
    status: 'investigating',
    body: `update ${id}`,
    createdAt,
    affectedComponents: [],
    ...overrides,
  };
}

/** `count` results of one monitor, `stepMs` apart from `from`. */
export function resultsEvery(
  monitorId: string,
  from: number,
  stepMs: number,
  count: number,
  make = result,
): RecordedResult[] {
  return Array.from({ length: count }, (_, i) => make(monitorId, from + i * stepMs));
}
