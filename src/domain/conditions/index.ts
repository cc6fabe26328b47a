/** Conditions: `[STATUS] == 200`, `[BODY].status == UP`, `[CERTIFICATE_EXPIRATION] > 7d` … parsed once, evaluated per probe. */
export {
  ConditionSyntaxError,
  OPERATORS,
  PLACEHOLDERS,
  type Condition,
  type Expected,
  type Literal,
  type Operand,
  type Operator,
  type PathStep,
  type Placeholder,
} from './condition.ts';
export { parseCondition } from './parse-condition.ts';
export { evaluateCondition, REGEX_INPUT_LIMIT } from './evaluate-condition.ts';
export { REGEX_PROGRAM_LIMIT, REGEX_SOURCE_LIMIT, type TextPattern } from './linear-regex.ts';
