import { z } from 'zod';
import { MONITOR_STATUSES } from '../../../domain/statuses.ts';
import { apiTime } from './api-time.ts';

/** What every admin answer about one monitor starts with: who it is, who manages it, and how it stands now. */
export const monitorHeadFields = {
  id: z.string(),
  name: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  managed_by: z.enum(['config', 'api']),
  status: z.enum(MONITOR_STATUSES),
  status_since: apiTime.nullable(),
  last_check_at: apiTime.nullable(),
};
