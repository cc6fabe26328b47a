import { chunksFor, type StoreContext } from '../store-context.ts';
import type { NoticeMark, SharedStateStore, StoredPush } from './shared-state-store.ts';

/** The SharedStateStore over Kysely, the same SQL on SQLite and PostgreSQL; lists of ids go one chunk per statement. */
export class KyselySharedStateStore implements SharedStateStore {
  constructor(private readonly ctx: StoreContext) {}

  async hitThrottle(scope: string, key: string, at: number, forgetBefore: number): Promise<number[]> {
    await this.ctx.db.insertInto('throttle_hits').values({ scope, key, at }).execute();
    await this.ctx.db
      .deleteFrom('throttle_hits')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('at', '<', forgetBefore)
      .execute();
    return this.throttleHits(scope, key, forgetBefore, 10_000);
  }

  async throttleHits(scope: string, key: string, since: number, limit: number): Promise<number[]> {
    const rows = await this.ctx.db
      .selectFrom('throttle_hits')
      .select('at')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('at', '>=', since)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.at));
  }

  async clearThrottle(scope: string, key: string): Promise<void> {
    await this.ctx.db.deleteFrom('throttle_hits').where('scope', '=', scope).where('key', '=', key).execute();
  }

  async pruneThrottleHits(before: number): Promise<number> {
    const r = await this.ctx.db.deleteFrom('throttle_hits').where('at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async recordPush(monitorId: string, push: StoredPush): Promise<void> {
    const row = {
      received_at: push.receivedAt,
      status: push.status,
      msg: push.msg ?? null,
      ping_ms: push.pingMs ?? null,
    };
    await this.ctx.db
      .insertInto('push_receipts')
      .values({ monitor_id: monitorId, ...row })
      .onConflict((oc) =>
        oc.column('monitor_id').doUpdateSet(row).where('push_receipts.received_at', '<=', push.receivedAt),
      )
      .execute();
  }

  async lastPushes(monitorIds: readonly string[]): Promise<Map<string, StoredPush>> {
    const out = new Map<string, StoredPush>();
    for (const chunk of chunksFor(this.ctx.dialect, monitorIds, 1)) {
      const rows = await this.ctx.db.selectFrom('push_receipts').selectAll().where('monitor_id', 'in', chunk).execute();
      for (const r of rows)
        out.set(r.monitor_id, {
          receivedAt: Number(r.received_at),
          status: r.status,
          ...(r.msg !== null ? { msg: r.msg } : {}),
          ...(r.ping_ms !== null ? { pingMs: Number(r.ping_ms) } : {}),
        });
    }
    return out;
  }

  async noticeMarks(monitorIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>();
    for (const chunk of chunksFor(this.ctx.dialect, monitorIds, 1)) {
      const rows = await this.ctx.db.selectFrom('notice_marks').selectAll().where('monitor_id', 'in', chunk).execute();
      for (const r of rows) {
        const marks = out.get(r.monitor_id) ?? new Map<string, number>();
        marks.set(r.notice, Number(r.value));
        out.set(r.monitor_id, marks);
      }
    }
    return out;
  }

  async pruneNoticeMarks(now: number): Promise<number> {
    const r = await this.ctx.db.deleteFrom('notice_marks').where('expires_at', '<', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

/** MARK_PARAMETERS_PER_ROW: monitor_id, notice, value, expires_at */
const MARK_PARAMETERS_PER_ROW = 4;

/** Upsert marks inside the batch's transaction; a mark never goes back (the larger value wins). */
export async function writeNoticeMarks(ctx: StoreContext, marks: readonly NoticeMark[]): Promise<void> {
  if (marks.length === 0) return;
  // one row per (monitor, notice) per statement: PostgreSQL refuses to update one row twice in one upsert
  const latest = new Map<string, NoticeMark>();
  for (const m of marks) {
    const k = `${m.monitorId}\u0000${m.notice}`;
    const had = latest.get(k);
    if (!had || had.value <= m.value) latest.set(k, m);
  }
  for (const chunk of chunksFor(ctx.dialect, [...latest.values()], MARK_PARAMETERS_PER_ROW)) {
    await ctx.db
      .insertInto('notice_marks')
      .values(
        chunk.map((m) => ({ monitor_id: m.monitorId, notice: m.notice, value: m.value, expires_at: m.expiresAt })),
      )
      .onConflict((oc) =>
        oc
          .columns(['monitor_id', 'notice'])
          .doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where((eb) => eb('notice_marks.value', '<=', eb.ref('excluded.value'))),
      )
      .execute();
  }
}
