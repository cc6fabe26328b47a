import type { AdminRuntime, RunNowResult } from '../admin/admin-runtime.ts';
import type { Bus } from '../bus/bus.ts';
import type { ChannelConfig } from '../notify/channel-schema.ts';
import type { DeliveryResult } from '../notify/notifier.ts';
import type { CatalogCoordinator } from './catalog-coordinator.ts';
import { compileMonitor } from './live-monitor.ts';
import type { MonitorRunner } from './monitor-runner.ts';
import type { NotificationsRuntime } from './notifications-runtime.ts';
import type { RunNowRelay } from './run-now-relay.ts';
import { runNowResult } from './run-now-result.ts';
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
  /** asks the worker that owns a monitor to run it (absent: a monitor not owned here is only run and returned) */
  relay?: Pick<RunNowRelay, 'request'>;
}

/** How long "run check now" waits for the owner beyond the monitor's own timeout. */
export const RUN_NOW_EXTRA_WAIT_MS = 5_000;

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

  testChannel(config: ChannelConfig, origin: 'config' | 'api', requestedBy?: string): Promise<DeliveryResult> {
    return this.deps.notifications.testChannel(config, origin, requestedBy);
  }

  async deliveriesQueued(): Promise<void> {
    this.deps.notifications.worker.wake();
  }

  /**
   * Run on the worker that owns the monitor and recorded there: here when this process owns it, else asked over the
   * bus (a bounded wait; `owner_unavailable` when no owner answers).
   */
  async runMonitorNow(monitorId: string): Promise<RunNowResult | null> {
    const owned = this.runOwned(monitorId);
    if (owned) return owned;
    const stored = this.deps.catalog.currentCatalog?.monitors.find((m) => m.id === monitorId);
    if (stored && (!stored.config.enabled || stored.config.type === 'push')) return null;
    if (this.deps.relay)
      return this.deps.relay.request(monitorId, (stored?.config.timeout ?? 30_000) + RUN_NOW_EXTRA_WAIT_MS);
    if (!stored) return null;
    const result = await this.deps.runner.check(compileMonitor(stored.config, [], stored.managedBy));
    return result && runNowResult(result);
  }

  /** Runs and records the check when this process owns the monitor; undefined when it does not. */
  runOwned(monitorId: string): Promise<RunNowResult | null> | undefined {
    const owned = (this.deps.checks ?? true) ? this.deps.board.monitors.get(monitorId) : undefined;
    if (!owned) return undefined;
    if (!owned.config.enabled || owned.config.type === 'push') return Promise.resolve(null);
    return this.deps.runner.runOnce(owned).then((result) => result && runNowResult(result));
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
