import type { AuditEntry, AuditFilter } from '../store/admin-store.ts';
import { requirePermission } from './actor.ts';
import type { ServiceContext } from './service-context.ts';

export async function listAudit(ctx: ServiceContext, filter: AuditFilter): Promise<AuditEntry[]> {
  requirePermission(ctx.actor, 'manage');
  return ctx.store.admin.listAudit(filter);
}
