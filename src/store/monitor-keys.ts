import type { Kysely } from 'kysely';
import type { Database, StoreDialect } from './schema.ts';
import { chunksFor } from './store-context.ts';

/**
 * Maps monitor ids to their integer keys. A key never changes once assigned (monitors are archived, never
 * deleted), so what was read once is cached for the life of the store.
 */
export class MonitorKeys {
  private readonly known = new Map<string, number>();

  constructor(private readonly dialect: StoreDialect) {}

  /** Keys of the given ids; ids with no monitor row are absent from the result. */
  async resolve(db: Kysely<Database>, ids: Iterable<string>): Promise<Map<string, number>> {
    const wanted = new Set(ids);
    const missing = [...wanted].filter((id) => !this.known.has(id));
    for (const chunk of chunksFor(this.dialect, missing, 1)) {
      const rows = await db.selectFrom('monitors').select(['key', 'id']).where('id', 'in', chunk).execute();
      for (const row of rows) this.known.set(row.id, row.key);
    }
    const out = new Map<string, number>();
    for (const id of wanted) {
      const key = this.known.get(id);
      if (key !== undefined) out.set(id, key);
    }
    return out;
  }
}
