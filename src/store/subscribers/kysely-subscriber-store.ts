import { sql } from 'kysely';
import type { SubscriberKind, SubscriberRecord } from '../admin-store.ts';
import type { StoreContext } from '../store-context.ts';
import { insertOrDuplicate } from '../store-errors.ts';
import { toSubscriber } from './subscriber-row.ts';
import type { Confirmation, ConfirmOutcome, SubscriberStore, SubscriptionChoice } from './subscriber-store.ts';

/** The SubscriberStore over Kysely, for SQLite and PostgreSQL alike. */
export class KyselySubscriberStore implements SubscriberStore {
  constructor(private readonly ctx: StoreContext) {}

  async get(id: string): Promise<SubscriberRecord | undefined> {
    const row = await this.ctx.db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSubscriber(row);
  }

  async findByTarget(kind: SubscriberKind, target: string): Promise<SubscriberRecord | undefined> {
    const row = await this.ctx.db
      .selectFrom('subscribers')
      .selectAll()
      .where('kind', '=', kind)
      .where('target', '=', target)
      .executeTakeFirst();
    return row && toSubscriber(row);
  }

  async create(s: SubscriberRecord, confirmation: Confirmation | null): Promise<void> {
    await insertOrDuplicate(`${s.kind} subscriber ${s.target}`, () =>
      this.ctx.db
        .insertInto('subscribers')
        .values({
          id: s.id,
          kind: s.kind,
          target: s.target,
          component_ids: JSON.stringify(s.componentIds),
          confirmed_at: s.confirmedAt,
          created_at: s.createdAt,
          page_slug: s.pageSlug,
          page_access: s.pageAccess,
          confirm_token_hash: confirmation?.tokenHash ?? null,
          confirm_expires_at: confirmation?.expiresAt ?? null,
          last_mail_at: confirmation?.sentAt ?? null,
          attempts: 1,
          attempts_since: s.createdAt,
        })
        .execute(),
    );
  }

  async takeAttempt(id: string, now: number, limit: { max: number; windowMs: number }): Promise<boolean> {
    // one statement, so that two requests racing cannot both take the last attempt
    const windowOver = sql<boolean>`(${sql.ref('attempts_since')} is null or ${sql.ref('attempts_since')} <= ${now - limit.windowMs})`;
    const result = await this.ctx.db
      .updateTable('subscribers')
      .set({
        attempts: sql<number>`case when ${windowOver} then 1 else ${sql.ref('attempts')} + 1 end`,
        attempts_since: sql<number>`case when ${windowOver} then ${now} else ${sql.ref('attempts_since')} end`,
      })
      .where('id', '=', id)
      .where((eb) => eb.or([windowOver, eb('attempts', '<', limit.max)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async renewConfirmation(id: string, confirmation: Confirmation | null, choice: SubscriptionChoice): Promise<void> {
    await this.ctx.db
      .updateTable('subscribers')
      .set({
        confirm_token_hash: confirmation?.tokenHash ?? null,
        confirm_expires_at: confirmation?.expiresAt ?? null,
        ...(confirmation && { last_mail_at: confirmation.sentAt }),
        component_ids: JSON.stringify(choice.componentIds),
        page_slug: choice.pageSlug,
        page_access: choice.pageAccess,
      })
      .where('id', '=', id)
      .execute();
  }

  async confirmByToken(tokenHash: string, now: number): Promise<ConfirmOutcome> {
    const row = await this.ctx.db
      .selectFrom('subscribers')
      .selectAll()
      .where('confirm_token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return { result: 'unknown' };
    if (row.confirmed_at !== null) return { result: 'used', subscriber: toSubscriber(row) };
    if (row.confirm_expires_at === null || row.confirm_expires_at <= now) return { result: 'expired' };
    const updated = await this.ctx.db
      .updateTable('subscribers')
      .set({ confirmed_at: now })
      .where('id', '=', row.id)
      .where('confirm_token_hash', '=', tokenHash)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      // another request confirmed it in between (the link was used), or replaced the link
      const current = await this.get(row.id);
      return current?.confirmedAt != null ? { result: 'used', subscriber: current } : { result: 'unknown' };
    }
    return { result: 'confirmed', subscriber: { ...toSubscriber(row), confirmedAt: now } };
  }

  async markConfirmed(id: string, now: number): Promise<boolean> {
    const updated = await this.ctx.db
      .updateTable('subscribers')
      .set({ confirmed_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  async remove(id: string): Promise<boolean> {
    const deleted = await this.ctx.db.deleteFrom('subscribers').where('id', '=', id).executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }

  async pruneUnconfirmed(before: number): Promise<number> {
    const deleted = await this.ctx.db
      .deleteFrom('subscribers')
      .where('confirmed_at', 'is', null)
      .where('confirm_expires_at', '<', before)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}
