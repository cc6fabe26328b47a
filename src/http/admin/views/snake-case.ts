import { z } from 'zod';

/** uptimePercent → uptime_percent */
export const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A plain JSON value with every object key in snake_case (values untouched). */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), snakeCaseKeys(v)]));
}

type Def = Record<string, unknown> & { type: string };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The same zod schema with snake_case object keys, descriptions kept: for a domain shape written in camelCase that
 * the API answers in snake_case. Handles objects, arrays, nullable and optional; leaves everything else as is.
 */
export function snakeCaseSchema(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  let out: z.ZodType;
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(def.shape as Record<string, z.ZodType>).map(([k, s]) => [snakeCase(k), snakeCaseSchema(s)]),
      );
      out = def.catchall && defOf(def.catchall as z.ZodType).type === 'never' ? z.strictObject(shape) : z.object(shape);
      break;
    }
    case 'array':
      out = z.array(snakeCaseSchema(def.element as z.ZodType));
      break;
    case 'nullable':
      out = snakeCaseSchema(def.innerType as z.ZodType).nullable();
      break;
    case 'optional':
      out = snakeCaseSchema(def.innerType as z.ZodType).optional();
      break;
    default:
      return schema;
  }
  const meta = z.globalRegistry.get(schema);
  return meta ? out.meta(meta) : out;
}
