import { z } from 'zod';
import { ACTOR_TYPES, type AuditEntry } from '../../../store/admin-store.ts';
import { apiTime, isoTime } from './api-time.ts';

export const auditEntryView = z.object({
  id: z.number(),
  at: apiTime,
  actor_type: z.enum(ACTOR_TYPES),
  actor_id: z.string().nullable(),
  actor_label: z.string(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  before: z.unknown().describe('the object before the change (secrets redacted), as stored'),
  after: z.unknown().describe('the object after the change (secrets redacted), as stored'),
  ip: z.string().nullable(),
});

export const presentAuditEntry = (e: AuditEntry): z.infer<typeof auditEntryView> => ({
  id: e.id,
  at: isoTime(e.at),
  actor_type: e.actorType,
  actor_id: e.actorId,
  actor_label: e.actorLabel,
  action: e.action,
  target_type: e.targetType,
  target_id: e.targetId,
  before: e.before,
  after: e.after,
  ip: e.ip,
});
