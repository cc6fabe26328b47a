import { BackupError } from '../backup/backup-error.ts';
import { restoreBackupFile } from '../backup/restore-store.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';
import type { CliArgs } from './cli-args.ts';

/** pharos restore FILE: a backup (either kind) into the config's store, which must be empty and not in use. */
export async function runRestore(args: CliArgs): Promise<number> {
  const [file] = args.positionals;
  if (!file || args.positionals.length > 1) {
    console.error('usage: pharos restore FILE [--config FILE]');
    return 2;
  }
  const config = await loadConfigOrReport(args.config);
  if (!config) return 1;
  try {
    const summary = await restoreBackupFile(config.storage.url, file);
    const entries = Object.entries(summary.tables);
    const rows = entries.reduce((sum, [, n]) => sum + (n ?? 0), 0);
    console.log(
      `restored ${rows} rows into ${entries.length} tables; schema at ${summary.migrations.at(-1)} (\`pharos migrate\` or \`pharos start\` applies any newer migrations)`,
    );
    for (const [table, n] of entries) console.log(`  ${table.padEnd(20)} ${n}`);
    return 0;
  } catch (err) {
    if (err instanceof BackupError || isMissingFile(err)) {
      console.error(`pharos restore: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  }
}

function isMissingFile(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ENOENT';
}
