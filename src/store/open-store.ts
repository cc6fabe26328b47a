import { KyselyStore } from './kysely-store.ts';
import { openDatabase } from './open-database.ts';
import type { StoreLogger } from './store-context.ts';
import type { Store } from './store.ts';

const silentLogger: StoreLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Open the store at a storage URL (`sqlite:./data/pharos.db`, `sqlite::memory:`, `postgres://…`).
 * Migrations are not applied here: call `migrate()` (or check `pendingMigrations()`).
 */
export async function openStore(url: string, opts: { logger?: StoreLogger } = {}): Promise<Store> {
  const logger = opts.logger ?? silentLogger;
  const { db, dialect } = openDatabase(url, logger);
  return new KyselyStore({ db, dialect, logger });
}
