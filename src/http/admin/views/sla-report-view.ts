import type { z } from 'zod';
import { slaReportSchema, type SlaReport } from '../../../reports/sla-report-schema.ts';
import { snakeCaseKeys, snakeCaseSchema } from './snake-case.ts';

/** The SLA report as the API answers it: the report's shape with snake_case keys (time_zone, uptime_percent …). */
export const slaReportView = snakeCaseSchema(slaReportSchema);

export const presentSlaReport = (r: SlaReport) => snakeCaseKeys(r) as z.infer<typeof slaReportView>;
