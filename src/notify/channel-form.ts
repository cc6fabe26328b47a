import type { z } from 'zod';
import type { FieldText } from './field-texts.ts';
import type { Notifier } from './notifier.ts';
import { notifiers, type ChannelType } from './registry.ts';

/** How the admin form shows a field; the browser script reads and fills each kind without knowing the type. */
export const CHANNEL_INPUTS = [
  'text',
  'url',
  'email',
  'number',
  'checkbox',
  'select',
  /** an array of strings: one per line */
  'list',
  /** a string → string record (HTTP headers): "Name: value" per line */
  'headers',
  /** an address, or a name with one: "Pharos <alerts@example.com>" */
  'mailbox',
  /** a whole number or a text (a Telegram chat id or @channel) */
  'number-or-text',
  /** an object: its own fields, in a fieldset */
  'group',
] as const;
export type ChannelInput = (typeof CHANNEL_INPUTS)[number];

export interface ChannelFormField {
  /** dot path in the channel config: "url", "smtp.host" (API issue paths end with it: body.smtp.host) */
  path: string;
  label: string;
  help?: string;
  placeholder?: string;
  input: ChannelInput;
  /** the config is refused without it (no default, not optional) */
  required: boolean;
  /** a secret: masked, and on edit kept unless a person chooses to replace it */
  secret: boolean;
  /** for select */
  options?: readonly string[];
  /** the schema's default, shown as the initial value */
  initial?: string | number | boolean;
  min?: number;
  max?: number;
  /** for group */
  children?: ChannelFormField[];
}

/** The error a type's form cannot be made for: the registry test shows it (a field without a label, a kind unknown). */
export class ChannelFormError extends Error {}

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  format?: string;
  element?: z.ZodType;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The form of one channel type, derived from its zod schema and the texts declared beside it (pure). */
export function channelFormFields(type: ChannelType): ChannelFormField[] {
  return deriveFormFields(notifiers[type]);
}

/** The form of any notifier (the registry's, or one a test makes up). */
export function deriveFormFields(
  notifier: Pick<Notifier, 'type' | 'fields' | 'secretFields'> & { fieldTexts: unknown },
): ChannelFormField[] {
  const type = notifier.type;
  return objectFields(
    notifier.fields.shape as Record<string, z.ZodType>,
    notifier.fieldTexts as Record<string, FieldText>,
    '',
    new Set(notifier.secretFields),
    type,
  );
}

function objectFields(
  shape: Record<string, z.ZodType>,
  texts: Readonly<Record<string, FieldText>> | undefined,
  prefix: string,
  secrets: ReadonlySet<string>,
  type: string,
): ChannelFormField[] {
  return Object.entries(shape).map(([key, schema]) => {
    const path = prefix + key;
    const text = texts?.[key];
    if (!text?.label) throw new ChannelFormError(`${type}: the field "${path}" has no label`);
    return field(path, schema, text, secrets, type);
  });
}

function field(
  path: string,
  schema: z.ZodType,
  text: FieldText,
  secrets: ReadonlySet<string>,
  type: string,
): ChannelFormField {
  let s = schema;
  let required = true;
  let initial: unknown;
  // optional, default and prefault wrap the field: unwrap to the value's own schema
  for (let d = defOf(s); ['optional', 'default', 'prefault', 'nullable'].includes(d.type); d = defOf(s)) {
    required = false;
    if ((d.type === 'default' || d.type === 'prefault') && initial === undefined) initial = d.defaultValue;
    s = d.innerType!;
  }
  const def = defOf(s);
  const checks = s as unknown as { minValue?: number | null; maxValue?: number | null };
  const base = {
    path,
    label: text.label,
    ...(text.help ? { help: text.help } : {}),
    ...(text.placeholder ? { placeholder: text.placeholder } : {}),
    required,
    secret: secrets.has(path),
  };
  const plain = typeof initial === 'string' || typeof initial === 'number' || typeof initial === 'boolean';
  const withInitial = plain ? { initial: initial as string | number | boolean } : {};
  switch (def.type) {
    case 'string':
      return {
        ...base,
        ...withInitial,
        input: def.format === 'url' ? 'url' : def.format === 'email' ? 'email' : 'text',
      };
    case 'number':
      return {
        ...base,
        ...withInitial,
        input: 'number',
        ...(checks.minValue != null && Number.isFinite(checks.minValue) ? { min: checks.minValue } : {}),
        ...(checks.maxValue != null && Number.isFinite(checks.maxValue) ? { max: checks.maxValue } : {}),
      };
    case 'boolean':
      return { ...base, ...withInitial, input: 'checkbox' };
    case 'enum':
      return { ...base, ...withInitial, input: 'select', options: Object.values(def.entries ?? {}) };
    case 'array':
      if (defOf(def.element!).type !== 'string') break;
      return { ...base, input: 'list' };
    case 'record':
      return { ...base, input: 'headers' };
    case 'union': {
      const kinds = (def.options ?? []).map((o) => defOf(o).type);
      if (kinds.includes('number') && kinds.includes('string')) return { ...base, input: 'number-or-text' };
      if (kinds.includes('object') && kinds.includes('string')) return { ...base, input: 'mailbox' };
      break;
    }
    case 'object':
      return {
        ...base,
        input: 'group',
        children: objectFields(def.shape ?? {}, text.fields, `${path}.`, secrets, type),
      };
  }
  throw new ChannelFormError(`${type}: no form input for the field "${path}" (${def.type})`);
}
