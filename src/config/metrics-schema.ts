import { z } from 'zod';

/** The Prometheus endpoint (GET /metrics). */
export const metricsSchema = z
  .object({
    /** serve /metrics (off: the route answers 404 and nothing is measured) */
    enabled: z.boolean().default(true),
    /** when set (e.g. ${PHAROS_METRICS_TOKEN}), scrapes need `Authorization: Bearer <token>` */
    token: z.string().min(16, 'at least 16 characters').optional(),
  })
  .strict();
export type MetricsConfig = z.infer<typeof metricsSchema>;
