import { formatDuration } from '../duration.ts';
import { includesLiteral } from '../find-literal.ts';
import type { Probe } from '../probe.ts';
import type { Condition, Expected, Literal } from './condition.ts';
import { globMatch } from './glob.ts';
import { numericValue, resolveOperand, valueText, type Value } from './resolve-operand.ts';

/** Regexes see at most this much text: with linear-time matching and a bounded program, this bounds a match's cost. */
export const REGEX_INPUT_LIMIT = 64 * 1024;
/** `actual` is for messages: a whole body would drown them. */
const ACTUAL_LIMIT = 200;

/**
 * Evaluates a parsed condition against a probe. Never throws: a value that is absent
 * makes the condition fail, with `actual` saying why ("(none)", "(missing)", "(body is not JSON)").
 */
export function evaluateCondition(condition: Condition, probe: Probe): { ok: boolean; actual?: string } {
  const resolved = resolveOperand(condition.left, probe);
  if (!resolved.found) return { ok: false, actual: resolved.actual };
  const { value } = resolved;
  return { ok: holds(condition, value), actual: displayValue(condition, value) };
}

function holds({ op, right }: Condition, value: Value): boolean {
  switch (op) {
    case '==':
      return equals(value, right);
    case '!=':
      return !equals(value, right);
    case 'contains':
      return contains(value, right);
    case '!contains':
      return !contains(value, right);
    case '=~':
      return right.kind === 'regex' && right.regex.test(valueText(value).slice(0, REGEX_INPUT_LIMIT));
    case '!~':
      return right.kind === 'regex' && !right.regex.test(valueText(value).slice(0, REGEX_INPUT_LIMIT));
    case '<':
      return right.kind === 'literal' && compare(value, right.literal) < 0;
    case '<=':
      return right.kind === 'literal' && compare(value, right.literal) <= 0;
    case '>':
      return right.kind === 'literal' && compare(value, right.literal) > 0;
    case '>=':
      return right.kind === 'literal' && compare(value, right.literal) >= 0;
  }
}

function equals(value: Value, right: Expected): boolean {
  switch (right.kind) {
    case 'literal':
      return compare(value, right.literal) === 0;
    case 'any':
      return right.literals.some((literal) => compare(value, literal) === 0);
    case 'pattern':
      return globMatch(right.glob, valueText(value));
    case 'regex':
      return right.regex.test(valueText(value).slice(0, REGEX_INPUT_LIMIT));
  }
}

/** Numeric when both sides are numbers (a quoted literal never is), by text otherwise. */
function compare(value: Value, literal: Literal): number {
  const left = numericValue(value);
  if (left !== undefined && literal.number !== undefined) return Math.sign(left - literal.number);
  const text = valueText(value);
  return text === literal.text ? 0 : text < literal.text ? -1 : 1;
}

/** An array contains an element equal to the literal; anything else contains it as a substring of its text. */
function contains(value: Value, right: Expected): boolean {
  const literals = right.kind === 'literal' ? [right.literal] : right.kind === 'any' ? right.literals : [];
  if (Array.isArray(value)) return literals.some((l) => value.some((item: unknown) => compare(item as Value, l) === 0));
  const text = valueText(value);
  return literals.some((l) => includesLiteral(text, l.text));
}

function displayValue({ left }: Condition, value: Value): string {
  if (left.fn === 'value' && left.placeholder === 'CERTIFICATE_EXPIRATION' && typeof value === 'number') {
    return value < 0 ? `expired ${formatDuration(-value)} ago` : formatDuration(value);
  }
  if (left.fn === 'value' && left.placeholder === 'RESPONSE_TIME' && typeof value === 'number')
    return String(Math.round(value));
  const text = valueText(value);
  return text.length > ACTUAL_LIMIT ? `${text.slice(0, ACTUAL_LIMIT)}…` : text;
}
