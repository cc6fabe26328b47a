import type { z } from 'zod';

/** What a person reads about one config field in the admin form: its label, a help line, an example. */
export interface FieldText {
  label: string;
  help?: string;
  placeholder?: string;
  /** for an object field (SMTP settings, priorities): the texts of its own fields */
  fields?: Readonly<Record<string, FieldText>>;
}

/**
 * The texts of every top-level field of a notifier's schema, declared next to the schema: the compiler asks for one
 * per field; src/notify/channel-form.test.ts fails when a nested field has none.
 */
export type FieldTexts<Schema extends z.ZodObject> = { readonly [K in keyof Schema['shape']]-?: FieldText };
