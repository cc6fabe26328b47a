import { z } from 'zod';
import type { RunNowResult } from '../../../admin/admin-runtime.ts';
import { apiTime, isoTime } from './api-time.ts';

export const runResultView = z.object({
  monitor_id: z.string(),
  ok: z.boolean(),
  degraded: z.boolean(),
  latency_ms: z.number(),
  status_code: z.number().nullable(),
  error: z.string().nullable(),
  started_at: apiTime,
  details: z.unknown().describe("the check's raw details (headers, certificate, answers …)"),
});

export const presentRunResult = (r: RunNowResult): z.infer<typeof runResultView> => ({
  monitor_id: r.monitorId,
  ok: r.ok,
  degraded: r.degraded,
  latency_ms: r.latencyMs,
  status_code: r.statusCode,
  error: r.error,
  started_at: isoTime(r.startedAt),
  details: r.details,
});
