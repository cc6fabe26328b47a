import { writeFile } from 'node:fs/promises';
import { BackupError } from '../backup/backup-error.ts';
import { PRIVATE_FILE_MODE, writeAtomically } from '../backup/backup-file.ts';
import { exportConfig } from '../backup/config-export.ts';
import { migrateToLatest } from '../backup/migrate-to-latest.ts';
import { withDatabase } from '../backup/with-database.ts';
import { PHAROS_VERSION } from '../runtime/version.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';
import type { CliArgs } from './cli-args.ts';

/**
 * pharos export [--out FILE]: monitors, components, groups, pages, maintenances, notification channels,
 * overrides, users, API tokens and subscribers as JSON. Secrets included: the file is written with mode 0600.
 */
export async function runExport(args: CliArgs): Promise<number> {
  const config = await loadConfigOrReport(args.config);
  if (!config) return 1;
  try {
    const doc = await withDatabase(config.storage.url, async (db, dialect) => {
      await migrateToLatest(db, dialect);
      return exportConfig(db, dialect, { pharosVersion: PHAROS_VERSION, now: Date.now });
    });
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (args.options.out) {
      await writeAtomically(args.options.out, (tmp) => writeFile(tmp, text, { mode: PRIVATE_FILE_MODE }));
      const counts = Object.entries(doc.tables)
        .map(([table, rows]) => `${rows.length} ${table}`)
        .join(', ');
      console.error(
        `wrote ${args.options.out} (${counts}); it holds password hashes and channel secrets: keep it private`,
      );
    } else {
      process.stdout.write(text);
    }
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`pharos export: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
