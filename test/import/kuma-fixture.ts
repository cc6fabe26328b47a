import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const FIXTURES = new URL('../fixtures/import/uptime-kuma/', import.meta.url).pathname;

/** A kuma.db made by the schema Kuma's migrations create (kuma-schema.sql), filled with kuma-data.sql. */
export async function buildKumaDatabase(dir: string): Promise<string> {
  const file = join(dir, 'kuma.db');
  const db = new BetterSqlite3(file);
  try {
    db.exec(await readFile(join(FIXTURES, 'kuma-schema.sql'), 'utf8'));
    db.exec(await readFile(join(FIXTURES, 'kuma-data.sql'), 'utf8'));
  } finally {
    db.close();
  }
  return file;
}

export const KUMA_BACKUP = join(FIXTURES, 'backup.json');
