import { ConditionSyntaxError, PLACEHOLDERS, type Operand, type PathStep, type Placeholder } from './condition.ts';
import { excerpt, type Scanner } from './scanner.ts';

const FUNCTIONS = ['len', 'has'] as const;
type FunctionName = (typeof FUNCTIONS)[number];

/** Parses the left-hand side: `[PLACEHOLDER]`, `[BODY].a.b[0]`, `[HEADER].name`, `len(…)` or `has(…)`. */
export function parseOperand(s: Scanner): Operand {
  s.skipSpaces();
  const start = s.pos;
  const fn = s.match(/([A-Za-z_]\w*)\s*\(/);
  if (fn) {
    const name = fn[1] ?? '';
    if (!(FUNCTIONS as readonly string[]).includes(name)) {
      throw new ConditionSyntaxError(`unknown function ${name}(), expected len() or has()`);
    }
    s.skipSpaces();
    if (s.peek() !== '[') throw new ConditionSyntaxError(`${name}() takes a placeholder, like ${name}([BODY].items)`);
    const inner = parseReference(s);
    s.skipSpaces();
    if (!s.eat(')')) throw new ConditionSyntaxError(`expected ')' to close ${name}(${inner.text}`);
    if (name === 'len' && !['BODY', 'HEADER', 'IP', 'DNS_RCODE'].includes(inner.placeholder)) {
      throw new ConditionSyntaxError(`len() measures text or JSON, not [${inner.placeholder}]`);
    }
    return { ...inner, fn: name as FunctionName, text: s.text.slice(start, s.pos) };
  }
  if (s.peek() !== '[') {
    const word = s.rest().split(/\s/)[0] ?? '';
    throw new ConditionSyntaxError(
      word === ''
        ? 'empty condition'
        : `expected a placeholder like [STATUS] or a function like len(…) at the start, got '${excerpt(word)}'`,
    );
  }
  return parseReference(s);
}

/** `[NAME]` plus the path its placeholder allows. */
function parseReference(s: Scanner): Operand {
  const start = s.pos;
  const m = s.match(/\[([^\]\s]*)\]/);
  if (!m) throw new ConditionSyntaxError(`unclosed '[' in '${excerpt(s.rest())}'`);
  const name = m[1] ?? '';
  if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
    const hint = (PLACEHOLDERS as readonly string[]).includes(name.toUpperCase())
      ? ` (did you mean [${name.toUpperCase()}]?)`
      : '';
    throw new ConditionSyntaxError(`unknown placeholder [${name}]${hint}`);
  }
  const placeholder = name as Placeholder;
  let path: PathStep[] = [];
  let header: string | undefined;
  if (placeholder === 'BODY') path = parseJsonPath(s);
  else if (placeholder === 'HEADER') header = parseHeaderName(s);
  else if (s.peek() === '.' || s.peek() === '[') throw new ConditionSyntaxError(`[${placeholder}] takes no path`);
  return { fn: 'value', placeholder, path, header, text: s.text.slice(start, s.pos) };
}

function parseJsonPath(s: Scanner): PathStep[] {
  const path: PathStep[] = [];
  for (;;) {
    if (s.eat('.')) {
      const key = s.match(/[^\s.[\]()=<>!~]+/);
      if (!key) throw new ConditionSyntaxError(`expected a key after '.' in [BODY] path, got '${excerpt(s.rest())}'`);
      path.push({ key: key[0] });
    } else if (s.peek() === '[') {
      const index = s.match(/\[(\d+)\]/);
      if (!index)
        throw new ConditionSyntaxError(`expected an array index like [0] in [BODY] path, got '${excerpt(s.rest())}'`);
      path.push({ index: Number(index[1]) });
    } else {
      return path;
    }
  }
}

function parseHeaderName(s: Scanner): string {
  const m = s.match(/\.([!#$%&'*+.^_`|~0-9A-Za-z-]+)/);
  if (!m) throw new ConditionSyntaxError('[HEADER] needs a header name, like [HEADER].content-type');
  return (m[1] ?? '').toLowerCase();
}
