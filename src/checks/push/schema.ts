import { z } from 'zod';
import { durationMs } from '../../config/duration-schema.ts';

export const pushCheckFields = z.object({
  type: z.literal('push'),
  /** Secret part of /api/push/<token>; at least 16 characters so it cannot be guessed. */
  /** How late a push may be, beyond the interval, before the monitor fails. */
  grace: durationMs().default(10_000),
  token: z
    .string()
    .min(16)
    .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, _ and -'),
});
export type PushCheckConfig = z.infer<typeof pushCheckFields>;
