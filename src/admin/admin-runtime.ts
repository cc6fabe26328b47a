import type { MonitorConfig } from '../config/monitor-schema.ts';
import type { ChannelConfig } from '../notify/channel-schema.ts';
import type { DeliveryResult } from '../notify/notifier.ts';

/**
 * What admin services ask of the running Pharos besides the store: reload what changed, run a check now.
 * In one process this is the worker itself; across replicas (the HA issue) a change travels over the bus.
 */
export interface AdminRuntime {
  /** the catalog (monitors, components, groups, pages, maintenances, overrides) changed in the store */
  catalogChanged(): Promise<void>;
  /** an incident was written by a person: the worker's open incidents and the public page follow */
  incidentChanged(incidentId: string): Promise<void>;
  /** run one monitor's check now (it is recorded like a scheduled one) */
  runMonitorNow(monitorId: string): Promise<RunNowResult | null>;
  /** run a check for a monitor config that is not saved (the editor's "test now"); nothing is recorded */
  testMonitor(config: MonitorConfig, origin: 'config' | 'api'): Promise<RunNowResult | null>;
  /** send a test message (event type `test`) through a channel now, not through the outbox; `requestedBy` names who asked */
  testChannel(config: ChannelConfig, origin: 'config' | 'api', requestedBy?: string): Promise<DeliveryResult>;
  /** outbox rows were written outside the pipeline (by a person's change, a retry): send them soon */
  deliveriesQueued(): Promise<void>;
}

export interface RunNowResult {
  monitorId: string;
  ok: boolean;
  degraded: boolean;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  startedAt: number;
  /** the raw probe details the check reported (headers, certificate, answers …) */
  details: unknown;
}
