// Placeholder: replaced by the conditions implementation.
import type { Probe } from '../probe.ts';

export interface Condition {
  source: string;
}
export class ConditionSyntaxError extends Error {}
export function parseCondition(source: string): Condition {
  return { source };
}
export function evaluateCondition(_condition: Condition, _probe: Probe): { ok: boolean; actual?: string } {
  throw new Error('conditions not implemented yet');
}
