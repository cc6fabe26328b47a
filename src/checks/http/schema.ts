import { z } from 'zod';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const httpCheckFields = z.object({
  type: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(HTTP_METHODS).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  follow_redirects: z.boolean().default(true),
  verify_tls: z.boolean().default(true),
  /** Reuse connections between checks; off by default so that every check measures a fresh connect. */
  keep_alive: z.boolean().default(false),
  /** Bytes of body kept for [BODY] conditions. */
  max_body_bytes: z.number().int().positive().max(10_000_000).default(1_000_000),
});
export type HttpCheckConfig = z.infer<typeof httpCheckFields>;
