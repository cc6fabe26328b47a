import { checkFor } from '../checks/registry.ts';
import { decideAutoIncidents, type AutoIncidentComponent } from '../domain/auto-incidents.ts';
import type { CheckResult } from '../domain/check-result.ts';
import { componentStatusOf } from '../domain/component-status.ts';
import { effectiveComponentStatus } from '../domain/effective-component-status.ts';
import { evaluateResult } from '../domain/evaluate-result.ts';
import { newId } from '../domain/ids.ts';
import { componentsInMaintenance } from '../domain/maintenance-windows.ts';
import type { BatchStage } from './batch-writer.ts';
import type { NotificationRouter } from './notification-router.ts';
import type { StatusBoard } from './status-board.ts';

export interface PipelineDeps {
  board: StatusBoard;
  /** the batch writer (a test stages into a batch it holds) */
  writer: BatchStage;
  now(): number;
  /** true while the connectivity canaries say Pharos itself is offline */
  isOffline(): boolean;
  /** turns changes into notification outbox rows (absent: no notifications) */
  notify?: NotificationRouter;
}

/**
 * Turns judged results into state: engine transition, component status, automatic incidents; queues all of it
 * for the next batch write. Pure decisions come from src/domain; this file only moves values between them.
 */
export class ResultPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  record(result: CheckResult): void {
    const { board, writer } = this.deps;
    const monitor = board.monitors.get(result.monitorId);
    if (!monitor) return; // removed while its check ran
    const now = this.deps.now();
    const maintenance = componentsInMaintenance(board.maintenances, now);
    const inMaintenance = monitor.componentIds.some((id) => maintenance.has(id));
    const previous = board.stateOf(result.monitorId);
    const { state, change } = evaluateResult(
      previous,
      result,
      { failureThreshold: monitor.config.failure_threshold, successThreshold: monitor.config.success_threshold },
      { now, inMaintenance, offline: this.deps.isOffline() },
    );
    board.recordState(state);
    writer.stage((pending) => {
      pending.results.push({
        monitorId: result.monitorId,
        startedAt: result.startedAt,
        latencyMs: Math.round(result.latencyMs),
        ok: result.ok,
        degraded: result.degraded,
        maintenance: inMaintenance,
        statusCode: result.statusCode ?? null,
        error: result.ok ? null : (result.error ?? 'failed'),
      });
      pending.states.set(result.monitorId, state);
      if (!change) return;
      pending.statusChanges.push(change);
      pending.events.push({
        type: 'monitor.status',
        monitorId: change.monitorId,
        from: change.from,
        to: change.to,
        at: change.at,
      });
    });
    if (change) {
      this.refreshComponents(monitor.componentIds, now);
      this.deps.notify?.monitorChanged(change, previous.statusSince);
    }
    const expiresAt = result.probe?.certificateExpiresAt;
    if (expiresAt !== undefined && this.deps.notify)
      this.deps.notify.certificateSeen(result.monitorId, checkFor(monitor.config).target()?.host ?? '', expiresAt, now);
  }

  /** Recompute component statuses (after a monitor change, or when a maintenance window opens or closes). */
  refreshComponents(componentIds: Iterable<string>, now = this.deps.now()): void {
    const { board, writer } = this.deps;
    const maintenance = componentsInMaintenance(board.maintenances, now);
    const changes: AutoIncidentComponent[] = [];
    for (const id of componentIds) {
      const component = board.components.get(id);
      if (!component) continue;
      const monitorStatuses = component.config.monitors.map((m) => board.stateOf(m).status);
      const fromMonitors = componentStatusOf(monitorStatuses, maintenance.has(id));
      if (fromMonitors !== component.fromMonitors) {
        const errors = component.config.monitors.map((m) => board.stateOf(m).lastError).filter((e): e is string => !!e);
        changes.push({
          id,
          name: component.config.name,
          status: fromMonitors,
          previousStatus: component.fromMonitors,
          autoIncident: component.config.auto_incident,
          lastError: errors[0] ?? null,
        });
        board.setFromMonitors(id, fromMonitors);
      }
      const status = effectiveComponentStatus(id, fromMonitors, board.overrides.get(id), board.openIncidents.values());
      if (status === component.status) continue;
      const from = component.status;
      board.showComponentStatus(id, status, now);
      writer.stage((pending) => {
        pending.events.push({ type: 'component.status', componentId: id, from, to: status, at: now });
        pending.componentStatuses.set(id, { componentId: id, status, since: now });
      });
    }
    if (changes.length === 0) return;
    const incidents = decideAutoIncidents({
      now,
      components: changes,
      openIncidents: [...board.openIncidents.values()],
      componentCount: board.components.size,
      newId,
    });
    for (const incident of incidents) {
      this.deps.notify?.incidentChanged(board.openIncidents.get(incident.id), incident);
      board.followIncident(incident.id, incident);
      writer.stage((pending) => {
        pending.incidents.set(incident.id, incident);
        pending.events.push({ type: 'incident.changed', incidentId: incident.id, status: incident.status, at: now });
      });
    }
  }

  /** Every component, e.g. on a timer so that maintenance windows open and close on time. */
  refreshAllComponents(): void {
    this.refreshComponents(this.deps.board.components.keys());
    const now = this.deps.now();
    this.deps.notify?.maintenanceTick(this.deps.board.maintenances, now);
    this.deps.notify?.reminderTick(now);
  }
}
