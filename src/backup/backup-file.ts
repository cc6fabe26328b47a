import { open, rename, rm, stat } from 'node:fs/promises';

/** Backups and exports hold password hashes and channel secrets: only their owner reads them. */
export const PRIVATE_FILE_MODE = 0o600;

/** What a backup file holds, told by its first bytes. */
export type BackupFileKind = 'sqlite' | 'jsonl-gzip' | 'unknown';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export async function backupFileKind(file: string): Promise<BackupFileKind> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead === SQLITE_MAGIC.length && head.equals(SQLITE_MAGIC)) return 'sqlite';
    if (bytesRead >= 2 && head.subarray(0, 2).equals(GZIP_MAGIC)) return 'jsonl-gzip';
    return 'unknown';
  } finally {
    await handle.close();
  }
}

/**
 * Write `out` through a temporary file beside it, renamed into place once complete: a failed backup never
 * leaves a half file under the real name. Backups hold password hashes and channel secrets: the temporary file
 * is made empty with mode 0600 before `write` fills it (and keeps its mode when rewritten), so no byte is ever
 * readable by others, and the renamed file replaces whatever mode an older `out` had.
 */
export async function writeAtomically(out: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const tmp = `${out}.partial-${process.pid}`;
  try {
    // a leftover of a run that died (same pid after a restart) may have any mode: start from nothing
    await rm(tmp, { force: true });
    await (await open(tmp, 'wx', PRIVATE_FILE_MODE)).close();
    await write(tmp);
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return (await stat(out)).size;
}
