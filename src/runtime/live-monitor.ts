import type { MonitorConfig } from '../config/monitor-schema.ts';
import { parseCondition, type Condition } from '../domain/conditions/index.ts';

/** A monitor ready to run: its config with conditions parsed once. */
export interface LiveMonitor {
  config: MonitorConfig;
  conditions: Condition[];
  degradedWhen: Condition | undefined;
  /** components this monitor belongs to */
  componentIds: string[];
  /** where it was defined: targets created through the API may face a stricter egress policy */
  managedBy: 'config' | 'api';
}

export function compileMonitor(config: MonitorConfig, componentIds: string[], managedBy: 'config' | 'api' = 'config'): LiveMonitor {
  return {
    config,
    managedBy,
    conditions: config.conditions.map(parseCondition),
    degradedWhen: config.degraded_when === undefined ? undefined : parseCondition(config.degraded_when),
    componentIds,
  };
}
