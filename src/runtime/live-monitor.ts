import type { MonitorConfig } from '../config/monitor-schema.ts';
import { parseCondition, type Condition } from '../domain/conditions/index.ts';

/** A monitor ready to run: its config with conditions parsed once. */
export interface LiveMonitor {
  config: MonitorConfig;
  conditions: Condition[];
  degradedWhen: Condition | undefined;
  /** components this monitor belongs to */
  componentIds: string[];
}

export function compileMonitor(config: MonitorConfig, componentIds: string[]): LiveMonitor {
  return {
    config,
    conditions: config.conditions.map(parseCondition),
    degradedWhen: config.degraded_when === undefined ? undefined : parseCondition(config.degraded_when),
    componentIds,
  };
}
