import { z } from 'zod';
import { idSchema } from './id-schema.ts';

/** A component group: components name it in their `group` field (by name). */
export const groupSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** shown folded on the public page until a visitor opens it */
    collapsed: z.boolean().default(false),
  })
  .strict();
export type GroupConfig = z.infer<typeof groupSchema>;

/** The groups a config defines implicitly, by the names its components use; their id is derived from the name. */
export function groupsNamedBy(components: readonly { group?: string }[]): GroupConfig[] {
  const names = [...new Set(components.map((c) => c.group).filter((g): g is string => g !== undefined))];
  return names.map((name) => ({ id: groupIdFor(name), name, collapsed: false }));
}

export function groupIdFor(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return `${slug || 'group'}-${hash.toString(36).slice(0, 6)}`;
}
