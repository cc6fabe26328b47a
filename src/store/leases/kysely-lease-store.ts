import { chunksFor, type StoreContext } from '../store-context.ts';
import type { Lease, LeaseStore } from './lease-store.ts';

/** unit, owner, expires_at, acquired_at */
const CLAIM_PARAMETERS_PER_ROW = 4;

/**
 * The LeaseStore over Kysely, the same SQL on SQLite and PostgreSQL. Operations on a list of units run one statement
 * per chunk of units (chunksFor), so that tens of thousands of units stay under the bound parameter limits.
 */
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
    const rows = await this.ctx.db
      .selectFrom('workers')
      .select('id')
      .where('heartbeat_at', '>=', since)
      .orderBy('id')
      .execute();
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
    const out: string[] = [];
    for (const chunk of chunksFor(this.ctx.dialect, units, 1)) {
      const rows = await this.ctx.db
        .selectFrom('leases')
        .select('unit')
        .where('owner', '=', owner)
        .where('expires_at', '>', 0)
        .where('unit', 'in', chunk)
        .execute();
      for (const r of rows) out.push(r.unit);
    }
    return out.sort();
  }

  async claim(owner: string, units: readonly string[], now: number, ttlMs: number): Promise<string[]> {
    const out: string[] = [];
    // in one order for every claimer (chunks included): concurrent claims on PostgreSQL then wait for each other instead of deadlocking
    for (const chunk of chunksFor(this.ctx.dialect, [...units].sort(), CLAIM_PARAMETERS_PER_ROW)) {
      const rows = await this.ctx.db
        .insertInto('leases')
        .values(chunk.map((unit) => ({ unit, owner, expires_at: now + ttlMs, acquired_at: now })))
        .onConflict((oc) =>
          oc
            .column('unit')
            .doUpdateSet({ owner, expires_at: now + ttlMs, acquired_at: now })
            .where('leases.expires_at', '<', now),
        )
        .returning('unit')
        .execute();
      for (const r of rows) out.push(r.unit);
    }
    return out.sort();
  }

  async release(owner: string, units: readonly string[]): Promise<void> {
    for (const chunk of chunksFor(this.ctx.dialect, units, 1)) {
      await this.ctx.db
        .updateTable('leases')
        .set({ expires_at: 0 })
        .where('owner', '=', owner)
        .where('unit', 'in', chunk)
        .execute();
    }
  }

  async leave(workerId: string): Promise<void> {
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('leases').set({ expires_at: 0 }).where('owner', '=', workerId).execute();
      await tx.deleteFrom('workers').where('id', '=', workerId).execute();
    });
  }

  async list(): Promise<Lease[]> {
    const rows = await this.ctx.db.selectFrom('leases').selectAll().orderBy('unit').execute();
    return rows.map((r) => ({
      unit: r.unit,
      owner: r.owner,
      expiresAt: Number(r.expires_at),
      acquiredAt: Number(r.acquired_at),
    }));
  }
}
