import { z } from 'zod';

/** The Prometheus endpoint (GET /metrics). */
export const metricsSchema = z
  .object({
    /** serve /metrics (off: the route answers 404 and nothing is measured) */
    enabled: z.boolean().default(true),
    /** scrapes need `Authorization: Bearer <token>` (e.g. ${PHAROS_METRICS_TOKEN}); an empty value counts as unset */
    token: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'at least 16 characters').optional()),
    /**
     * serve /metrics without a token to anyone who reaches it. Off by default: without a token, /metrics answers 401
     * (its series name the notification channels, and tell an attacker the version, the load and when deliveries fail)
     */
    public: z.boolean().default(false),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.public && m.token !== undefined)
      ctx.addIssue({ code: 'custom', path: ['public'], message: 'either a token or public: true, not both' });
  });
export type MetricsConfig = z.infer<typeof metricsSchema>;
