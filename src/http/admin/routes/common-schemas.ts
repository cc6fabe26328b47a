import { z } from 'zod';
import { ID_PATTERN } from '../../../config/id-schema.ts';

/** Ids in paths: config ids (lower-case) and generated ones; anything else is a 400 before any lookup. */
export const pathId = z.string().regex(ID_PATTERN, 'not a valid id');
export const idParams = z.object({ id: pathId }).strict();

/** A duration like 30d, 12h, 90m, or never. */
export const expiresIn = z
  .string()
  .regex(/^(\d{1,4})(m|h|d)$/, 'a duration like 90m, 12h or 30d')
  .transform((s) => {
    const n = Number(s.slice(0, -1));
    return n * { m: 60_000, h: 3_600_000, d: 86_400_000 }[s.slice(-1) as 'm' | 'h' | 'd'];
  })
  .refine((ms) => ms >= 60_000 && ms <= 3 * 365 * 86_400_000, { message: 'between 1 minute and 3 years' });

/** Query flags arrive as strings. */
export const queryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const limitQuery = z.coerce.number().int().min(1).max(500).default(50);
