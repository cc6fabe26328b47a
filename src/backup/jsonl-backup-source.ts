import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { BackupError } from './backup-error.ts';
import { backupFooterSchema, decodeRowsLine, parseHeader, type RowBatch } from './backup-format.ts';
import type { BackupSource } from './backup-source-type.ts';
import type { TableName } from './backup-tables.ts';

/** A gzip'd JSON-lines backup read line by line: the header first, pages of rows, the footer checked last. */
export async function openJsonlBackup(file: string): Promise<BackupSource> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const close = async () => {
    input.destroy();
  };
  let header;
  try {
    const first = await lines.next();
    header = parseHeader(first.done ? undefined : parseJson(first.value, 1));
  } catch (err) {
    await close();
    throw err;
  }

  async function* batches(): AsyncGenerator<RowBatch> {
    const read: Partial<Record<TableName, number>> = {};
    let lineNo = 1;
    for (;;) {
      const next = await lines.next();
      lineNo += 1;
      if (next.done)
        throw new BackupError('bad_file', 'the backup ends early (no footer): it was cut short; nothing was restored');
      const value = parseJson(next.value, lineNo);
      if ((value as { end?: unknown }).end === true) {
        checkFooter(value, read);
        if (!(await lines.next()).done) throw new BackupError('bad_file', 'the backup has lines after its footer');
        return;
      }
      const batch = decodeRowsLine(value);
      read[batch.table] = (read[batch.table] ?? 0) + batch.rows.length;
      yield batch;
    }
  }
  return {
    header: {
      migrations: header.migrations,
      dialect: header.dialect,
      createdAt: header.created_at,
      pharosVersion: header.pharos_version,
    },
    batches,
    close,
  };
}

function parseJson(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError('bad_file', `line ${lineNo} of the backup is not JSON`);
  }
}

function checkFooter(value: unknown, read: Partial<Record<TableName, number>>): void {
  const footer = backupFooterSchema.safeParse(value);
  if (!footer.success) throw new BackupError('bad_file', 'the backup footer is malformed');
  for (const [table, count] of Object.entries(footer.data.counts)) {
    const got = read[table as TableName] ?? 0;
    if (got !== count)
      throw new BackupError(
        'bad_file',
        `the backup footer promises ${count} ${table} rows but the file holds ${got}; nothing was restored`,
      );
  }
}
