import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../../domain/statuses.ts';
import type { ComponentOverride } from '../../../store/admin-store.ts';
import { apiTime, isoTime } from './api-time.ts';

export const componentOverrideView = z.object({
  component_id: z.string(),
  status: z.enum(COMPONENT_STATUSES),
  note: z.string().nullable(),
  set_at: apiTime,
  set_by: z.string().nullable(),
});

export const presentComponentOverride = (o: ComponentOverride): z.infer<typeof componentOverrideView> => ({
  component_id: o.componentId,
  status: o.status,
  note: o.note,
  set_at: isoTime(o.setAt),
  set_by: o.setBy,
});
