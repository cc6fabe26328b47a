import { readFile } from 'node:fs/promises';
import { BackupError } from '../backup/backup-error.ts';
import { importConfig } from '../backup/config-import.ts';
import { migrateToLatest } from '../backup/migrate-to-latest.ts';
import { withDatabase } from '../backup/with-database.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';
import type { CliArgs } from './cli-args.ts';

/** pharos import FILE: upsert a `pharos export` document into the config's store (migrated first), in one transaction. */
export async function runImport(args: CliArgs): Promise<number> {
  const [file] = args.positionals;
  if (!file || args.positionals.length > 1) {
    console.error('usage: pharos import FILE [--config FILE]');
    return 2;
  }
  const config = await loadConfigOrReport(args.config);
  if (!config) return 1;
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    console.error(`pharos import: cannot read ${file} as JSON: ${(err as Error).message}`);
    return 1;
  }
  try {
    const counts = await withDatabase(config.storage.url, async (db, dialect) => {
      await migrateToLatest(db, dialect);
      return importConfig(db, dialect, value);
    });
    console.log(
      `imported ${Object.entries(counts)
        .map(([table, n]) => `${n} ${table}`)
        .join(', ')}`,
    );
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`pharos import: ${err.message}`);
      return 1;
    }
    // a constraint (an email or subscriber taken by another id) rolled the whole import back
    console.error(`pharos import: nothing was imported: ${(err as Error).message}`);
    return 1;
  }
}
