import type { AdminRuntime, RunNowResult } from '../admin/admin-runtime.ts';
import type { Bus } from '../bus/bus.ts';
import type { CheckResult } from '../domain/check-result.ts';
import type { ChannelConfig } from '../notify/channel-schema.ts';
import type { DeliveryResult } from '../notify/notifier.ts';
import type { Store } from '../store/store.ts';
import type { BatchWriter } from './batch-writer.ts';
import { loadCatalog, type Catalog } from './catalog.ts';
import { compileMonitor } from './live-monitor.ts';
import { applyCatalog } from './load-board.ts';
import type { MonitorRunner } from './monitor-runner.ts';
import type { NotificationsRuntime } from './notifications-runtime.ts';
import type { PushInbox } from './push-inbox.ts';
import type { ResultPipeline } from './result-pipeline.ts';
import type { StatusBoard } from './status-board.ts';

export interface LocalRuntimeDeps {
  store: Store;
  bus: Bus;
  board: StatusBoard;
  runner: MonitorRunner;
  pipeline: ResultPipeline;
  writer: BatchWriter;
  pushInbox: PushInbox;
  notifications: NotificationsRuntime;
  now(): number;
}

/** Admin changes applied to this process's worker: the catalog reloaded, incidents re-read, checks run on demand. */
export class LocalAdminRuntime implements AdminRuntime {
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;

  constructor(private readonly deps: LocalRuntimeDeps) {}

  /** Reloads are serialised; changes arriving during one are folded into one more. */
  async catalogChanged(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = this.reload();
    try {
      await this.reloading;
    } finally {
      this.reloading = undefined;
    }
    if (this.reloadAgain) {
      this.reloadAgain = false;
      await this.catalogChanged();
    }
  }

  applyCatalog(catalog: Catalog): void {
    const { board, runner, pipeline, pushInbox, now } = this.deps;
    applyCatalog(board, catalog, now());
    pushInbox.setTokens(catalog.monitors.flatMap((m) => (m.config.type === 'push' ? [[m.config.token, m.id] as [string, string]] : [])));
    runner.setMonitors(board.monitors.values(), (id) => board.stateOf(id).lastCheckAt);
    this.deps.notifications.setCatalog(catalog);
    pipeline.refreshAllComponents();
  }

  private async reload(): Promise<void> {
    this.applyCatalog(await loadCatalog(this.deps.store));
    await this.deps.bus.publish({ type: 'catalog.changed', at: this.deps.now() });
  }

  async incidentChanged(incidentId: string): Promise<void> {
    const { store, board, pipeline, writer, bus, now } = this.deps;
    const incident = await store.getIncident(incidentId);
    const before = board.openIncidents.get(incidentId);
    // what a person wrote wins over an automatic change still waiting to be written
    writer.pending.incidents.delete(incidentId);
    if (incident && incident.resolvedAt === null) board.openIncidents.set(incidentId, incident);
    else board.openIncidents.delete(incidentId);
    pipeline.refreshComponents(new Set([...(before?.componentIds ?? []), ...(incident?.componentIds ?? [])]));
    await bus.publish({ type: 'incident.changed', incidentId, status: incident?.status ?? 'resolved', at: now() });
    this.deps.notifications.worker.wake();
  }

  testChannel(config: ChannelConfig, origin: 'config' | 'api'): Promise<DeliveryResult> {
    return this.deps.notifications.testChannel(config, origin);
  }

  async deliveriesQueued(): Promise<void> {
    this.deps.notifications.worker.wake();
  }

  async runMonitorNow(monitorId: string): Promise<RunNowResult | null> {
    const monitor = this.deps.board.monitors.get(monitorId);
    if (!monitor || !monitor.config.enabled || monitor.config.type === 'push') return null;
    const result = await this.deps.runner.runOnce(monitor);
    return result && runNowResult(result);
  }

  async testMonitor(config: Parameters<AdminRuntime['testMonitor']>[0], origin: 'config' | 'api'): Promise<RunNowResult | null> {
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
