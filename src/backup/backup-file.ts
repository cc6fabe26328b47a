import { open, rename, rm, stat } from 'node:fs/promises';

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
 * leaves a half file under the real name. Backups hold password hashes and channel secrets: mode 0600.
 */
export async function writeAtomically(out: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const tmp = `${out}.partial-${process.pid}`;
  try {
    await write(tmp);
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return (await stat(out)).size;
}

export const PRIVATE_FILE_MODE = 0o600;
