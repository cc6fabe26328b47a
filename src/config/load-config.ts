import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { ConfigError, formatPath, type ConfigIssue } from './config-error.ts';
import { substituteEnv } from './env-substitution.ts';
import { configSchema, type PharosConfig } from './schema.ts';

/** Read, substitute ${ENV}, validate and freeze a config file. Throws ConfigError naming each key path and line. */
export async function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): Promise<PharosConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [{ path: '', message: `cannot read file: ${(err as Error).message}` }]);
  }
  return parseConfigText(text, file, env);
}

export function parseConfigText(text: string, file: string, env: NodeJS.ProcessEnv = process.env): PharosConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const syntaxIssues: ConfigIssue[] = doc.errors.map((e) => ({
    path: '',
    line: e.linePos?.[0]?.line,
    column: e.linePos?.[0]?.col,
    message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
  }));
  if (syntaxIssues.length > 0) throw new ConfigError(file, syntaxIssues);

  const envIssues = substituteScalars(doc, env, lines);
  if (envIssues.length > 0) throw new ConfigError(file, envIssues);

  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.flatMap((issue) => {
        // An unknown key is reported at the key itself, not at the object holding it.
        const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
        return paths.map((path) => {
          const pos = locate(doc, path, lines);
          const message = issue.code === 'unrecognized_keys' ? `unknown key "${String(path.at(-1))}"` : issue.message;
          return { path: formatPath(path), line: pos?.line, column: pos?.col, message };
        });
      }),
    );
  }
  return deepFreeze(parsed.data);
}

function substituteScalars(doc: Document, env: NodeJS.ProcessEnv, lines: LineCounter): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  visit(doc, {
    Scalar(_key, node, path) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      const { value, missing } = substituteEnv(node.value, env);
      for (const name of missing) {
        const pos = node.range ? lines.linePos(node.range[0]) : undefined;
        issues.push({
          path: pathOf(path),
          line: pos?.line,
          column: pos?.col,
          message: `environment variable ${name} is not set (use \${${name}:-default} for a default)`,
        });
      }
      // An unquoted `${PORT}` becomes the number or boolean it spells, as if written in place.
      node.value = node.type === 'PLAIN' ? plainScalar(value) : value;
    },
  });
  return issues;
}

function plainScalar(text: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

function pathOf(ancestors: readonly unknown[]): string {
  const keys: (string | number)[] = [];
  for (let i = 0; i < ancestors.length; i++) {
    const node = ancestors[i];
    const next = ancestors[i + 1];
    if (isPair(node) && isScalar(node.key)) keys.push(String(node.key.value));
    if (isSeq(node) && next !== undefined) keys.push(node.items.indexOf(next as never));
  }
  return formatPath(keys);
}

/** Position of the deepest node that exists along a zod issue path. */
function locate(
  doc: Document,
  path: readonly PropertyKey[],
  lines: LineCounter,
): { line: number; col: number } | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = doc.contents ?? undefined;
  let keyNode: Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      keyNode = undefined;
    } else break;
    if (node && typeof node === 'object' && 'range' in node) found = node as Node;
    else if (keyNode) found = keyNode;
  }
  const at = found?.range?.[0];
  return at === undefined ? undefined : lines.linePos(at);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
