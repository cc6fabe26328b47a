import type { Selectable } from 'kysely';
import type { AuditEntry, AuditFilter } from '../admin-store.ts';
import type { AuditLogTable } from '../schema.ts';
import type { StoreContext } from '../store-context.ts';

/** Append one entry; its id is assigned by the database and grows with every entry. */
export async function appendAudit(ctx: StoreContext, e: Omit<AuditEntry, 'id'>): Promise<void> {
  await ctx.db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_type: e.actorType,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      before_value: toJson(e.before),
      after_value: toJson(e.after),
      ip: e.ip,
    })
    .execute();
}

/** Newest first (by id); `before` is the id of the last entry of the previous page; `from`/`to` bound `at` as [from, to). */
export async function listAudit(ctx: StoreContext, f: AuditFilter): Promise<AuditEntry[]> {
  if (f.limit <= 0) return [];
  const rows = await ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .$if(f.before !== undefined, (qb) => qb.where('id', '<', f.before ?? 0))
    .$if(f.actorId !== undefined, (qb) => qb.where('actor_id', '=', f.actorId ?? ''))
    .$if(f.action !== undefined, (qb) => qb.where('action', '=', f.action ?? ''))
    .$if(f.targetType !== undefined, (qb) => qb.where('target_type', '=', f.targetType ?? ''))
    .$if(f.targetId !== undefined, (qb) => qb.where('target_id', '=', f.targetId ?? ''))
    .$if(f.from !== undefined, (qb) => qb.where('at', '>=', f.from ?? 0))
    .$if(f.to !== undefined, (qb) => qb.where('at', '<', f.to ?? 0))
    .orderBy('id', 'desc')
    .limit(Math.floor(f.limit))
    .execute();
  return rows.map(toEntry);
}

/** undefined and null are both stored as SQL NULL (and read back as null). */
function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    before: r.before_value === null ? null : (JSON.parse(r.before_value) as unknown),
    after: r.after_value === null ? null : (JSON.parse(r.after_value) as unknown),
    ip: r.ip,
  };
}
