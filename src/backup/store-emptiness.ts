import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { BackupError } from './backup-error.ts';
import { BACKUP_TABLES } from './backup-tables.ts';
import { countRows } from './read-table-rows.ts';

/**
 * Refuse a restore into a store holding anything: a restore never merges. A running Pharos has synced its
 * config's monitors into its store, so this also keeps a restore away from a store that is in use.
 */
export async function assertStoreEmpty(db: Kysely<Database>): Promise<void> {
  const counts = await countRows(db, BACKUP_TABLES);
  const held = Object.entries(counts).filter(([, n]) => n! > 0);
  if (held.length === 0) return;
  const list = held.map(([table, n]) => `${n} ${table}`).join(', ');
  throw new BackupError(
    'not_empty',
    `the target store is not empty (${list}): restore only into an empty store (a new database or file), with Pharos stopped`,
  );
}
