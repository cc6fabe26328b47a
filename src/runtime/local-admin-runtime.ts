import type { AdminRuntime, RunNowResult } from '../admin/admin-runtime.ts';
import type { Bus } from '../bus/bus.ts';
import type { CheckResult } from '../domain/check-result.ts';
import type { ChannelConfig } from '../notify/channel-schema.ts';
import type { DeliveryResult } from '../notify/notifier.ts';
import type { CatalogCoordinator } from './catalog-coordinator.ts';
import { compileMonitor } from './live-monitor.ts';
import type { MonitorRunner } from './monitor-runner.ts';
import type { NotificationsRuntime } from './notifications-runtime.ts';
import type { StatusBoard } from './status-board.ts';

export interface LocalAdminRuntimeDeps {
  bus: Bus;
  board: StatusBoard;
  runner: Pick<MonitorRunner, 'runOnce' | 'check'>;
  notifications: Pick<NotificationsRuntime, 'worker' | 'testChannel'>;
  /** the worker's catalog: reloaded on a change, and the board follows the incidents people write through it */
  catalog: Pick<CatalogCoordinator, 'reload' | 'followWrittenIncident' | 'currentCatalog'>;
  now(): number;
  /** false on a `web` replica: nothing is recorded here, changes reach the workers over the bus */
  checks?: boolean;
}

/**
 * The admin port of this process (what src/admin services call): a change reloads the catalog or re-reads an incident
 * through the catalog coordinator and tells the other replicas; checks and channel tests run on demand.
 */
export class LocalAdminRuntime implements AdminRuntime {
  constructor(private readonly deps: LocalAdminRuntimeDeps) {}

  /** The catalog is reloaded and applied here; other replicas are told. */
  catalogChanged(): Promise<void> {
    return this.deps.catalog.reload(true);
  }

  async incidentChanged(incidentId: string): Promise<void> {
    const { catalog, bus, now } = this.deps;
    const incident = await catalog.followWrittenIncident(incidentId);
    await bus.publish({ type: 'incident.changed', incidentId, status: incident?.status ?? 'resolved', at: now() });
    this.deps.notifications.worker.wake();
  }

  testChannel(config: ChannelConfig, origin: 'config' | 'api'): Promise<DeliveryResult> {
    return this.deps.notifications.testChannel(config, origin);
  }

  async deliveriesQueued(): Promise<void> {
    this.deps.notifications.worker.wake();
  }

  /** Recorded when this worker owns the monitor; elsewhere (a web replica, another worker's unit) only run and returned. */
  async runMonitorNow(monitorId: string): Promise<RunNowResult | null> {
    const owned = (this.deps.checks ?? true) ? this.deps.board.monitors.get(monitorId) : undefined;
    const stored = this.deps.catalog.currentCatalog?.monitors.find((m) => m.id === monitorId);
    const monitor = owned ?? (stored && compileMonitor(stored.config, [], stored.managedBy));
    if (!monitor || !monitor.config.enabled || monitor.config.type === 'push') return null;
    const result = owned ? await this.deps.runner.runOnce(monitor) : await this.deps.runner.check(monitor);
    return result && runNowResult(result);
  }

  async testMonitor(
    config: Parameters<AdminRuntime['testMonitor']>[0],
    origin: 'config' | 'api',
  ): Promise<RunNowResult | null> {
    if (config.type === 'push') return null;
    const result = await this.deps.runner.check(compileMonitor(config, [], origin));
    return result && runNowResult(result);
  }
}

function runNowResult(r: CheckResult): RunNowResult {
  return {
    monitorId: r.monitorId,
    ok: r.ok,
    degraded: r.degraded,
    latencyMs: Math.round(r.latencyMs * 10) / 10,
    statusCode: r.statusCode ?? null,
    error: r.ok ? null : (r.error ?? 'failed'),
    startedAt: r.startedAt,
    details: { conditions: r.conditionResults ?? [], probe: r.probe ?? null },
  };
}
