import { z } from 'zod';
import { DURATION_MARK } from '../../config/duration-schema.ts';
import { parseDuration, writtenDuration } from '../../domain/duration.ts';
import { AdminError, type FieldIssue } from '../admin-error.ts';

/** Where a duration field sits in a config: object keys, '*' for any array item or record value. */
export type FieldPath = readonly string[];

const cache = new WeakMap<z.ZodType, FieldPath[]>();

/** Every duration field (see durationMs) a schema holds, found by walking it once. */
export function durationPaths(schema: z.ZodType): FieldPath[] {
  let found = cache.get(schema);
  if (!found) cache.set(schema, (found = dedupe(walk(schema, [], new Set()))));
  return found;
}

function walk(schema: z.ZodType, at: string[], seen: Set<z.ZodType>): FieldPath[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  if (z.globalRegistry.get(schema)?.[DURATION_MARK] === true) return [at];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const into = (s: unknown, path = at) => (s ? walk(s as z.ZodType, path, seen) : []);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, s]) => into(s, [...at, k]));
    case 'union':
      return (def.options as z.ZodType[]).flatMap((s) => into(s));
    case 'intersection':
      return [...into(def.left), ...into(def.right)];
    case 'pipe':
      return into(def.in);
    case 'array':
      return into(def.element, [...at, '*']);
    case 'record':
      return into(def.valueType, [...at, '*']);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return into(def.innerType);
    default:
      return [];
  }
}

function dedupe(paths: FieldPath[]): FieldPath[] {
  const keys = new Set<string>();
  return paths.filter((p) => !keys.has(p.join('.')) && !!keys.add(p.join('.')));
}

type Visit = (parent: Record<string, unknown>, key: string, where: string) => void;

/** Calls `visit` for each object that may hold the field at `path` (array items and record values expanded). */
function eachHolder(value: unknown, path: FieldPath, where: string, visit: Visit): void {
  if (!value || typeof value !== 'object') return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    for (const [k, v] of Object.entries(value)) eachHolder(v, rest, `${where}.${k}`, visit);
    return;
  }
  if (rest.length === 0) visit(value as Record<string, unknown>, head, where);
  else eachHolder((value as Record<string, unknown>)[head], rest, `${where}.${head}`, visit);
}

/**
 * A copy of `value` deep enough to change the fields at `paths` (deeper parts are shared): never a full clone of a
 * body, which may be nested thousands deep by a hostile client.
 */
function copyAlong(value: unknown, paths: readonly FieldPath[]): unknown {
  const depth = Math.max(0, ...paths.map((p) => p.length));
  const copy = (v: unknown, left: number): unknown => {
    if (left === 0 || !v || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => copy(x, left - 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x, left - 1)]));
  };
  return copy(value, depth);
}

/** Durations as the API shows them: as written ("30s") with the ms beside them (`interval_ms: 30000`). */
export function showDurations(config: unknown, paths: readonly FieldPath[]): unknown {
  const copy = copyAlong(config, paths);
  for (const path of paths)
    eachHolder(copy, path, '', (parent, key) => {
      const ms = parent[key];
      if (typeof ms !== 'number') return;
      parent[key] = writtenDuration(ms);
      parent[`${key}_ms`] = ms;
    });
  return copy;
}

/**
 * The same shape on input: a `<field>_ms` companion is taken out; alone it gives the duration, next to the written
 * one it must agree with it (a 400 naming it otherwise).
 */
export function acceptDurationCompanions(body: unknown, paths: readonly FieldPath[], prefix = 'body'): unknown {
  if (!body || typeof body !== 'object') return body;
  const copy = copyAlong(body, paths);
  const issues: FieldIssue[] = [];
  for (const path of paths)
    eachHolder(copy, path, prefix, (parent, key, where) => {
      const companion = `${key}_ms`;
      if (!(companion in parent)) return;
      const ms = parent[companion];
      delete parent[companion];
      const field = `${where}.${companion}`;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) {
        issues.push({ path: field, message: 'a whole number of milliseconds' });
        return;
      }
      if (parent[key] === undefined) parent[key] = ms;
      else if (parseDuration(parent[key] as string | number) !== ms)
        issues.push({
          path: field,
          message: `${ms} ms does not match ${key} (${JSON.stringify(parent[key])}); give one of them`,
        });
    });
  if (issues.length)
    throw new AdminError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  return copy;
}

/**
 * A JSON Schema (from zod, io input) with the `_ms` companion beside every duration field: the catalog's shape,
 * the same in answers and requests.
 */
export function withDurationCompanions<T>(jsonSchema: T): T {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const obj = node as Record<string, unknown>;
    const props = obj.properties as Record<string, Record<string, unknown>> | undefined;
    if (props && typeof props === 'object')
      for (const [k, s] of Object.entries(props))
        if (s && s[DURATION_MARK] === true && !props[`${k}_ms`])
          props[`${k}_ms`] = {
            type: 'integer',
            minimum: 0,
            description: `${k} in milliseconds (answers carry both; a request may give either, or both when they agree)`,
          };
    Object.values(obj).forEach(visit);
  };
  visit(jsonSchema);
  return jsonSchema;
}
