import IntlMessageFormat from 'intl-messageformat';

/** Element types of the ICU parser's AST (@formatjs/icu-messageformat-parser TYPE), as numbers. */
const ARGUMENT = 1;
const NUMBER = 2;
const DATE = 3;
const TIME = 4;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

interface AstNode {
  type: number;
  value?: string;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/**
 * What a message needs from its caller: each placeholder's name and kind ("count:plural", "time:argument").
 * Two messages for one key must have the same shape; the words and the plural categories may differ by language.
 * Throws when the message does not parse.
 */
export function messageShape(message: string, locale: string): string[] {
  return placeholderShapes(new IntlMessageFormat(message, locale));
}

/** The names of a compiled message's plain text placeholders (not plural, select, number or date ones). */
export function textArguments(message: IntlMessageFormat): Set<string> {
  const names = new Set<string>();
  for (const shape of placeholderShapes(message)) if (shape.endsWith(':argument')) names.add(shape.split(':')[0]!);
  return names;
}

function placeholderShapes(message: IntlMessageFormat): string[] {
  const ast = message.getAst() as unknown as AstNode[];
  const found = new Set<string>();
  const walk = (nodes: readonly AstNode[]) => {
    for (const n of nodes) {
      if (n.type === ARGUMENT || n.type === NUMBER || n.type === DATE || n.type === TIME)
        found.add(`${n.value}:${n.type === ARGUMENT ? 'argument' : n.type === NUMBER ? 'number' : 'date'}`);
      if (n.type === SELECT || n.type === PLURAL) {
        found.add(`${n.value}:${n.type === SELECT ? 'select' : 'plural'}`);
        for (const option of Object.values(n.options ?? {})) walk(option.value);
      }
      if (n.type === TAG) {
        found.add(`<${n.value}>`);
        walk(n.children ?? []);
      }
    }
  };
  walk(ast);
  return [...found].sort();
}

/** Why `message` cannot stand in for `reference` (another placeholder set), or undefined when it can. */
export function shapeMismatch(reference: string, message: string, locale: string): string | undefined {
  let shape: string[];
  try {
    shape = messageShape(message, locale);
  } catch (err) {
    return `does not parse as ICU MessageFormat (${(err as Error).message})`;
  }
  const want = messageShape(reference, 'en');
  const missing = want.filter((p) => !shape.includes(p));
  const extra = shape.filter((p) => !want.includes(p));
  if (missing.length === 0 && extra.length === 0) return undefined;
  const parts = [
    missing.length > 0 && `lacks ${missing.join(', ')}`,
    extra.length > 0 && `has unknown ${extra.join(', ')}`,
  ].filter(Boolean);
  return `${parts.join(' and ')} (expected placeholders: ${want.join(', ') || 'none'})`;
}
