import { parseDuration } from '../duration.ts';
import {
  ConditionSyntaxError,
  type Condition,
  type Expected,
  type Literal,
  type Operand,
  type Operator,
} from './condition.ts';
import { compileLinearRegex } from './linear-regex.ts';
import { parseExpected } from './parse-expected.ts';
import { parseOperand } from './parse-operand.ts';
import { isDnsRcode, operandKind, type ValueKind } from './placeholders.ts';
import { Scanner } from './scanner.ts';

/** Longest first, so that `<=` is not read as `<`. */
const OPERATOR_PATTERN = /(!?contains)(?!\w)|(==|!=|<=|>=|=~|!~|<|>)(?![=~<>])/;

/**
 * Parses `<left> <op> <right>` and checks that the sides fit together, so that every mistake
 * surfaces when the config loads rather than as a check that quietly never passes.
 */
export function parseCondition(source: string): Condition {
  const s = new Scanner(source);
  const left = parseOperand(s);
  s.skipSpaces();
  const opMatch = s.match(OPERATOR_PATTERN);
  if (!opMatch) {
    const got = s.atEnd() ? '' : `, got '${s.rest().trim().slice(0, 20)}'`;
    throw new ConditionSyntaxError(`expected an operator after ${left.text}${got}`);
  }
  const op = (opMatch[1] ?? opMatch[2]) as Operator;
  const right = checkSides(left, op, parseExpected(s.rest(), op));
  return Object.freeze({ source, left, op, right });
}

const ORDERING: readonly Operator[] = ['<', '<=', '>', '>='];

/** Rejects pairs that cannot make sense and normalises literals (durations to ms, rcodes to upper case, regexes compiled). */
function checkSides(left: Operand, op: Operator, right: Expected): Expected {
  const kind = operandKind(left);
  if (op === '=~' || op === '!~') {
    if (kind === 'boolean') throw new ConditionSyntaxError(`${left.text} is true or false; compare it with == or !=`);
    if (right.kind === 'regex') return right;
    if (right.kind === 'literal') return { kind: 'regex', regex: compileLinearRegex(right.literal.text, '') };
    throw new ConditionSyntaxError(
      `${op} takes a /regex/ or a string, not ${right.kind === 'any' ? 'any()' : 'pat()'}`,
    );
  }
  if (right.kind === 'regex') throw new ConditionSyntaxError(`use =~ (or !~) to match a regex, not ${op}`);
  if (ORDERING.includes(op) && right.kind !== 'literal') {
    throw new ConditionSyntaxError(
      `${op} compares with a single value, not ${right.kind === 'any' ? 'any()' : 'pat()'}`,
    );
  }
  if (op === 'contains' || op === '!contains') {
    if (kind !== 'text') throw new ConditionSyntaxError(`${op} needs text on the left; ${left.text} is a ${kind}`);
    if (right.kind === 'pattern')
      throw new ConditionSyntaxError(`${op} takes a string or any(), not pat(); use =~ for patterns`);
  }
  if (kind === 'boolean') {
    if (op !== '==' && op !== '!=')
      throw new ConditionSyntaxError(`${left.text} is true or false; compare it with == or !=`);
    if (right.kind !== 'literal') throw new ConditionSyntaxError(`${left.text} compares with true or false`);
    return { kind: 'literal', literal: checkBoolean(left, right.literal) };
  }
  if (right.kind === 'pattern') return right;
  const fit = (literal: Literal): Literal => fitLiteral(left, kind, literal);
  return right.kind === 'any'
    ? { kind: 'any', literals: right.literals.map(fit) }
    : { kind: 'literal', literal: fit(right.literal) };
}

function checkBoolean(left: Operand, literal: Literal): Literal {
  if (literal.quoted || (literal.text !== 'true' && literal.text !== 'false')) {
    throw new ConditionSyntaxError(`${left.text} compares with true or false, got '${literal.text}'`);
  }
  return literal;
}

function fitLiteral(left: Operand, kind: ValueKind, literal: Literal): Literal {
  if (kind === 'number' || kind === 'duration') {
    const ms = kind === 'duration' && !literal.quoted ? parseDuration(literal.text) : undefined;
    const number = literal.quoted ? undefined : (literal.number ?? ms);
    if (number === undefined) {
      const wanted = kind === 'duration' ? 'a number of ms or a duration like 500ms or 7d' : 'a number';
      throw new ConditionSyntaxError(`${left.text} compares with ${wanted}, got '${literal.text}'`);
    }
    return { ...literal, number };
  }
  if (left.placeholder === 'DNS_RCODE' && left.fn === 'value') {
    const upper = literal.text.toUpperCase();
    if (!isDnsRcode(upper))
      throw new ConditionSyntaxError(
        `unknown DNS response code '${literal.text}', expected NOERROR, NXDOMAIN, SERVFAIL, REFUSED …`,
      );
    return { ...literal, text: upper };
  }
  return literal;
}
