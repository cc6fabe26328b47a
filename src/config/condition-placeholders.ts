import type { z } from 'zod';
import { checkTypes, isCheckKind } from '../checks/registry.ts';
import { ConditionSyntaxError, parseCondition, type Placeholder } from '../domain/conditions/index.ts';

interface MonitorConditions {
  type: string;
  conditions?: readonly string[] | undefined;
  degraded_when?: string | undefined;
}

/**
 * A condition on a placeholder the monitor's check type never fills ([STATUS] on a tcp check) could never hold: the
 * monitor would be down for good. Refused at load with its key path, like a syntax error.
 */
export function refuseUnfilledPlaceholders(monitor: MonitorConditions, ctx: z.RefinementCtx): void {
  if (!isCheckKind(monitor.type)) return;
  const { kind, placeholders } = checkTypes[monitor.type];
  const check = (source: string, path: (string | number)[]) => {
    const placeholder = placeholderOf(source);
    if (placeholder === undefined || placeholders.includes(placeholder)) return;
    const filled = placeholders.map((p) => `[${p}]`).join(', ');
    ctx.addIssue({
      code: 'custom',
      path,
      message: `[${placeholder}] is never set by ${kind} checks (they set ${filled})`,
    });
  };
  monitor.conditions?.forEach((source, i) => check(source, ['conditions', i]));
  if (monitor.degraded_when !== undefined) check(monitor.degraded_when, ['degraded_when']);
}

/** The placeholder a condition reads; undefined for one that does not parse (the condition schema reports it). */
function placeholderOf(source: string): Placeholder | undefined {
  try {
    return parseCondition(source).left.placeholder;
  } catch (err) {
    if (err instanceof ConditionSyntaxError) return undefined;
    throw err;
  }
}
