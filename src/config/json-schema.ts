import { z } from 'zod';
import { configSchema } from './schema.ts';

/** The config file's JSON Schema, generated from the zod schema (the single source of truth), for editors. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    $id: 'https://pharos.dev/schema/pharos.schema.json',
    title: 'Pharos configuration',
  };
}
