import { z } from 'zod';
import { oidcSchema } from './oidc-schema.ts';

/** The admin side's settings. */
export const adminSchema = z
  .object({
    /** requests per minute per client address on /api/v1 */
    rate_limit_per_minute: z.number().int().min(10).max(100_000).default(600),
    /** print a one-time setup link to the log while no user exists */
    setup_link: z.boolean().default(true),
    /** sign-in through an OpenID Connect provider */
    oidc: oidcSchema.optional(),
  })
  .strict()
  .prefault({});
export type AdminConfig = z.infer<typeof adminSchema>;
