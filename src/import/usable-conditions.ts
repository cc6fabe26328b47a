import { checkTypes, isCheckKind } from '../checks/registry.ts';
import { ConditionSyntaxError, parseCondition } from '../domain/conditions/index.ts';

/**
 * Split conditions into those a monitor of `type` can evaluate as written and those it cannot (with the reason):
 * a condition that does not parse, or reads a placeholder this check type never fills, would keep the monitor down.
 */
export function usableConditions(
  type: string,
  conditions: readonly string[],
): { kept: string[]; dropped: { condition: string; reason: string }[] } {
  const kept: string[] = [];
  const dropped: { condition: string; reason: string }[] = [];
  const filled: readonly string[] = isCheckKind(type) ? checkTypes[type].placeholders : [];
  for (const condition of conditions) {
    try {
      const placeholder = parseCondition(condition).left.placeholder;
      if (placeholder !== undefined && !filled.includes(placeholder))
        dropped.push({ condition, reason: `${type} checks do not set [${placeholder}]` });
      else kept.push(condition);
    } catch (err) {
      if (!(err instanceof ConditionSyntaxError)) throw err;
      dropped.push({ condition, reason: err.message });
    }
  }
  return { kept, dropped };
}
