import { configJsonSchema } from '../config/json-schema.ts';

export async function runSchema(): Promise<number> {
  console.log(JSON.stringify(configJsonSchema(), null, 2));
  return 0;
}
