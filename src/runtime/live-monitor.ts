import type { MonitorConfig } from '../config/monitor-schema.ts';
import { ConditionSyntaxError, parseCondition, type Condition } from '../domain/conditions/index.ts';

/** A monitor ready to run: its config with conditions parsed once. */
export interface LiveMonitor {
  config: MonitorConfig;
  conditions: Condition[];
  degradedWhen: Condition | undefined;
  /**
   * Set when a stored condition no longer parses (saved through the API before a rule tightened, such as the refusal of
   * backreferences): the monitor then fails with this message instead of stopping the whole catalog from loading.
   */
  conditionError?: string;
  /** components this monitor belongs to */
  componentIds: string[];
  /** where it was defined: targets created through the API may face a stricter egress policy */
  managedBy: 'config' | 'api';
}

export function compileMonitor(
  config: MonitorConfig,
  componentIds: string[],
  managedBy: 'config' | 'api' = 'config',
): LiveMonitor {
  const errors: string[] = [];
  const parse = (source: string, key: string): Condition | undefined => {
    try {
      return parseCondition(source);
    } catch (err) {
      if (!(err instanceof ConditionSyntaxError)) throw err;
      errors.push(`${key}: invalid condition "${source}": ${err.message}`);
      return undefined;
    }
  };
  const conditions = config.conditions.map((c, i) => parse(c, `conditions[${i}]`));
  const degradedWhen = config.degraded_when === undefined ? undefined : parse(config.degraded_when, 'degraded_when');
  const monitor: LiveMonitor = {
    config,
    managedBy,
    conditions: conditions.filter((c): c is Condition => c !== undefined),
    degradedWhen,
    componentIds,
  };
  if (errors.length > 0) monitor.conditionError = errors.join('; ');
  return monitor;
}
