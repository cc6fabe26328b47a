import { z } from 'zod';
import { listAudit } from '../../../admin/audit-log.ts';
import { auditEntryView, presentAuditEntry } from '../views/audit-entry-view.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { limitQuery } from './common-schemas.ts';

const time = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
const word = z.string().regex(/^[a-z0-9_.:-]{1,100}$/i, 'letters, digits and _ . : -');

export const auditRoutes: AdminRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/audit',
    access: 'manage',
    tag: 'Audit log',
    summary: 'Every change: who, when, what, before/after, from which IP (newest first)',
    query: z
      .object({
        limit: limitQuery,
        before: z.coerce.number().int().min(1).optional(),
        actor: word.optional(),
        action: word.optional(),
        target_type: word.optional(),
        target_id: word.optional(),
        from: time.optional(),
        to: time.optional(),
      })
      .strict(),
    response: z.array(auditEntryView),
    handle: async (ctx, { query }) =>
      (
        await listAudit(ctx, {
          limit: query.limit,
          before: query.before,
          actorId: query.actor,
          action: query.action,
          targetType: query.target_type,
          targetId: query.target_id,
          from: query.from,
          to: query.to,
        })
      ).map(presentAuditEntry),
  }),
];
