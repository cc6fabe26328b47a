import type { StoreContext } from '../store-context.ts';
import type { Lease, LeaseStore } from './lease-store.ts';

/** The LeaseStore over Kysely: one statement per operation, the same SQL on SQLite and PostgreSQL. */
export class KyselyLeaseStore implements LeaseStore {
  constructor(private readonly ctx: StoreContext) {}

  async heartbeat(workerId: string, now: number): Promise<void> {
    await this.ctx.db
      .insertInto('workers')
      .values({ id: workerId, started_at: now, heartbeat_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: now }))
      .execute();
  }

  async liveWorkers(since: number): Promise<string[]> {
    const rows = await this.ctx.db.selectFrom('workers').select('id').where('heartbeat_at', '>=', since).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async renew(owner: string, now: number, ttlMs: number): Promise<string[]> {
    const rows = await this.ctx.db
      .updateTable('leases')
      .set({ expires_at: now + ttlMs })
      .where('owner', '=', owner)
      // expired but still naming this owner: nobody claimed it meanwhile (a claim changes the owner), so it is still its
      .where('expires_at', '>', 0)
      .returning('unit')
      .execute();
    return rows.map((r) => r.unit).sort();
  }

  async held(owner: string, units: readonly string[]): Promise<string[]> {
    if (units.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('leases')
      .select('unit')
      .where('owner', '=', owner)
      .where('expires_at', '>', 0)
      .where('unit', 'in', [...units])
      .orderBy('unit')
      .execute();
    return rows.map((r) => r.unit);
  }

  async claim(owner: string, units: readonly string[], now: number, ttlMs: number): Promise<string[]> {
    if (units.length === 0) return [];
    const rows = await this.ctx.db
      .insertInto('leases')
      // in one order for every claimer: concurrent claims on PostgreSQL then wait for each other instead of deadlocking
      .values([...units].sort().map((unit) => ({ unit, owner, expires_at: now + ttlMs, acquired_at: now })))
      .onConflict((oc) =>
        oc
          .column('unit')
          .doUpdateSet({ owner, expires_at: now + ttlMs, acquired_at: now })
          .where('leases.expires_at', '<', now),
      )
      .returning('unit')
      .execute();
    return rows.map((r) => r.unit).sort();
  }

  async release(owner: string, units: readonly string[]): Promise<void> {
    if (units.length === 0) return;
    await this.ctx.db.updateTable('leases').set({ expires_at: 0 }).where('owner', '=', owner).where('unit', 'in', [...units]).execute();
  }

  async leave(workerId: string): Promise<void> {
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('leases').set({ expires_at: 0 }).where('owner', '=', workerId).execute();
      await tx.deleteFrom('workers').where('id', '=', workerId).execute();
    });
  }

  async list(): Promise<Lease[]> {
    const rows = await this.ctx.db.selectFrom('leases').selectAll().orderBy('unit').execute();
    return rows.map((r) => ({ unit: r.unit, owner: r.owner, expiresAt: Number(r.expires_at), acquiredAt: Number(r.acquired_at) }));
  }
}
