import { ConditionSyntaxError, type Expected, type Literal } from './condition.ts';
import { globProblem } from './glob.ts';
import { compileLinearRegex } from './linear-regex.ts';
import { excerpt } from './scanner.ts';

const NUMBER = /^-?\d+(\.\d+)?$/;
/** `/…/flags`; g and y are left out because they would make a match stateful. */
const REGEX = /^\/(.+)\/([imsu]*)$/s;
/** Looks like a regex but with flags we refuse: an error rather than a silent string compare. */
const REGEX_OTHER_FLAGS = /^\/.+\/([dgimsuyv]+)$/s;

/**
 * Parses the right-hand side, the rest of the source after the operator:
 * a number or bare word, "a quoted string", any(a, b), pat(glob*) or /regex/flags.
 */
export function parseExpected(text: string, op: string): Expected {
  const rest = text.trim();
  if (rest === '') throw new ConditionSyntaxError(`expected a value after ${op}`);
  if (/^any\s*\(/.test(rest)) return { kind: 'any', literals: parseAny(rest) };
  if (/^pat\s*\(/.test(rest)) return { kind: 'pattern', glob: parseGlob(rest) };
  const regex = REGEX.exec(rest);
  if (regex) return { kind: 'regex', regex: compileLinearRegex(regex[1] ?? '', regex[2] ?? '') };
  const refused = REGEX_OTHER_FLAGS.exec(rest);
  if (refused) throw new ConditionSyntaxError(`unsupported regex flags '${refused[1]}', use only i, m, s and u`);
  return { kind: 'literal', literal: parseSingleLiteral(rest) };
}

function parseGlob(rest: string): string {
  const glob = parseCall(rest, 'pat');
  const problem = globProblem(glob);
  if (problem) throw new ConditionSyntaxError(problem);
  return glob;
}

/** The text between `name(` and the final `)`. */
function parseCall(rest: string, name: string): string {
  if (!rest.endsWith(')')) throw new ConditionSyntaxError(`expected ')' to close ${name}(`);
  const inner = rest.slice(rest.indexOf('(') + 1, -1).trim();
  if (inner === '') throw new ConditionSyntaxError(`${name}() needs at least one value`);
  return inner;
}

function parseAny(rest: string): Literal[] {
  const inner = parseCall(rest, 'any');
  const items: Literal[] = [];
  let i = 0;
  while (i <= inner.length) {
    const comma = nextComma(inner, i);
    const item = inner.slice(i, comma).trim();
    if (item === '') throw new ConditionSyntaxError(`empty value in any(${excerpt(inner)})`);
    if (/^(any|pat)\s*\(/.test(item)) throw new ConditionSyntaxError('any() takes plain values, not any() or pat()');
    items.push(parseSingleLiteral(item));
    i = comma + 1;
  }
  return items;
}

/** Index of the next comma outside quotes, or the text's length. */
function nextComma(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') return i;
  }
  return text.length;
}

function parseSingleLiteral(text: string): Literal {
  const first = text[0];
  if (first === '"' || first === "'") return parseQuoted(text, first);
  if (/\s/.test(text)) {
    const [word] = text.split(/\s/);
    throw new ConditionSyntaxError(
      `unexpected text after '${excerpt(word ?? '')}': '${excerpt(text.slice((word ?? '').length).trim())}' (quote a value that contains spaces)`,
    );
  }
  if (/^\[[A-Za-z_]+\]/.test(text))
    throw new ConditionSyntaxError(`placeholders go on the left side only, got '${excerpt(text)}' on the right`);
  const call = /^([A-Za-z_]\w*)\(.*\)$/.exec(text);
  if (call) throw new ConditionSyntaxError(`unknown function ${call[1]}() on the right side, expected any() or pat()`);
  return NUMBER.test(text) ? { text, number: Number(text), quoted: false } : { text, quoted: false };
}

function parseQuoted(text: string, quote: string): Literal {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      value += text[++i];
    } else if (c === quote) {
      const after = text.slice(i + 1).trim();
      if (after !== '') throw new ConditionSyntaxError(`unexpected text after the quoted string: '${excerpt(after)}'`);
      return { text: value, quoted: true };
    } else {
      value += c;
    }
  }
  throw new ConditionSyntaxError(`unterminated quoted string ${excerpt(text)}`);
}
