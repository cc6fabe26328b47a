import { z } from 'zod';
import { withDurationCompanions } from '../../../admin/catalog/duration-fields.ts';

type JsonSchema = Record<string, unknown>;

const kindSchemas = new WeakMap<z.ZodType, { kind: z.ZodType; optional?: string }>();

/**
 * A catalog object's `config` in answers: the shape its kind accepts on input (durations as written, with their
 * `_ms` companions), so what GET answers can be PUT back. The OpenAPI document fills it in (catalogConfigJsonSchema).
 */
export function catalogConfigView(kindSchema: z.ZodType, opts: { optional?: string } = {}): z.ZodType {
  const view = z
    .unknown()
    .describe(
      opts.optional
        ? `the configuration; \`${opts.optional}\` may be left out (the path names the object)`
        : 'the configuration, in the shape the create and replace calls accept',
    );
  kindSchemas.set(view, { kind: kindSchema, optional: opts.optional });
  return view;
}

/** The JSON Schema of a catalogConfigView, or undefined for any other zod schema. */
export function catalogConfigJsonSchema(schema: z.ZodType): JsonSchema | undefined {
  const view = kindSchemas.get(schema);
  if (!view) return undefined;
  const js = z.toJSONSchema(view.kind, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete js.$schema;
  if (view.optional) notRequired(js, view.optional);
  return withDurationCompanions(js);
}

/** Drops a field from `required`, at the top and in each variant of a union. */
function notRequired(js: JsonSchema, field: string): void {
  if (Array.isArray(js.required)) js.required = js.required.filter((f) => f !== field);
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(js[key])) for (const variant of js[key] as JsonSchema[]) notRequired(variant, field);
}
