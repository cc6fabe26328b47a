import type { TextPattern } from './linear-regex.ts';

/** The parsed form of a condition such as `[BODY].status == UP`. Built by parseCondition, read by evaluateCondition. */

export const PLACEHOLDERS = [
  'STATUS',
  'RESPONSE_TIME',
  'BODY',
  'HEADER',
  'CERTIFICATE_EXPIRATION',
  'CONNECTED',
  'DNS_RCODE',
  'IP',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '=~', '!~', 'contains', '!contains'] as const;
export type Operator = (typeof OPERATORS)[number];

/** A step into the JSON body: `.key` or `[index]`. */
export type PathStep = { key: string } | { index: number };

/** The left-hand side: a placeholder, optionally wrapped in len() or has(). */
export interface Operand {
  fn: 'value' | 'len' | 'has';
  placeholder: Placeholder;
  /** JSON path below [BODY]; empty otherwise */
  path: readonly PathStep[];
  /** lower-cased header name for [HEADER] */
  header?: string;
  /** how the operand was written, for messages: `len([BODY].items)` */
  text: string;
}

/** A literal on the right. `number` is set when it is a number or (for duration placeholders) a duration. */
export interface Literal {
  text: string;
  number?: number;
  /** written in quotes: always compared as text */
  quoted: boolean;
}

export type Expected =
  | { kind: 'literal'; literal: Literal }
  | { kind: 'any'; literals: readonly Literal[] }
  | { kind: 'pattern'; glob: string }
  | { kind: 'regex'; regex: TextPattern };

export interface Condition {
  /** the text as written in config */
  source: string;
  left: Operand;
  op: Operator;
  right: Expected;
}

/** Thrown by parseCondition: the message says what is wrong, precisely enough to fix the config. */
export class ConditionSyntaxError extends Error {
  override name = 'ConditionSyntaxError';
}
