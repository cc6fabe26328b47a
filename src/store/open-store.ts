import type { KyselyPlugin } from 'kysely';
import { KyselyStore } from './kysely-store.ts';
import { openDatabase } from './open-database.ts';
import type { StoreLogger } from './store-context.ts';
import type { Store } from './store.ts';

const silentLogger: StoreLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Open the store at a storage URL (`sqlite:./data/pharos.db`, `sqlite::memory:`, `postgres://…`).
 * Migrations are not applied here: call `migrate()` (or check `pendingMigrations()`).
 */
export async function openStore(
  url: string,
  opts: {
    logger?: StoreLogger;
    plugins?: readonly KyselyPlugin[];
    /** a process that runs for long (`pharos start`): SQLite checkpoints its log on a thread of its own */
    longRunning?: boolean;
  } = {},
): Promise<Store> {
  const logger = opts.logger ?? silentLogger;
  const { db, dialect, afterClose } = openDatabase(url, logger, { longRunning: opts.longRunning });
  // plugins (e.g. the metrics' query timer) see every query of the store, transactions included
  const withPlugins = (opts.plugins ?? []).reduce((d, p) => d.withPlugin(p), db);
  return new KyselyStore({ db: withPlugins, dialect, logger }, { afterClose });
}
