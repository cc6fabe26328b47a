import { BackupError } from '../backup/backup-error.ts';
import { backupStore } from '../backup/backup-store.ts';
import type { BackupSummary } from '../backup/write-logical-backup.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';
import type { CliArgs } from './cli-args.ts';

/** pharos backup --out FILE: a consistent copy of the running store (SQLite file, or gzip'd JSON lines for PostgreSQL). */
export async function runBackup(args: CliArgs): Promise<number> {
  const out = args.options.out;
  if (!out) {
    console.error('usage: pharos backup --out FILE [--config FILE]');
    return 2;
  }
  const config = await loadConfigOrReport(args.config);
  if (!config) return 1;
  try {
    const summary = await backupStore(config.storage.url, out);
    console.log(describeBackup(summary));
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`pharos backup: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

export function describeBackup(summary: BackupSummary): string {
  const entries = Object.entries(summary.tables);
  const rows = entries.reduce((sum, [, n]) => sum + (n ?? 0), 0);
  const kind = summary.kind === 'sqlite' ? 'SQLite online backup' : "logical backup (gzip'd JSON lines)";
  const lines = entries.map(([table, n]) => `  ${table.padEnd(20)} ${n}`);
  return [
    `wrote ${summary.file}: ${kind}, ${entries.length} tables, ${rows} rows, ${summary.bytes} bytes`,
    ...lines,
  ].join('\n');
}
