import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { backupSqliteFile } from '../../src/backup/sqlite-online-backup.ts';
import { writeAtomically } from '../../src/backup/backup-file.ts';
import { openStore } from '../../src/store/open-store.ts';
import { user } from './admin-fixtures.ts';

/**
 * The SQLite store holds password hashes, TOTP secrets and channel secrets: what Pharos creates for it (folders,
 * the file, its -wal and -shm) and the backups it writes are for their owner only, whatever the umask lets through.
 */

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
let dir: string;
let umask: number;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-file-mode-'));
  // the usual umask: files 0644, folders 0755 unless Pharos asks for less
  umask = process.umask(0o022);
});
after(async () => {
  process.umask(umask);
  await rm(dir, { recursive: true, force: true });
});

const warnings: unknown[] = [];
const logger = { info: () => undefined, warn: (o: unknown) => void warnings.push(o), error: () => undefined };

test('a new SQLite store: the folders Pharos makes are 0700, the file and its -wal and -shm are 0600', async () => {
  const file = join(dir, 'data', 'pharos', 'pharos.db');
  const store = await openStore(`sqlite:${file}`, { logger });
  try {
    await store.migrate();
    await store.admin.createUser(user('owner-1', { passwordHash: 'scrypt$secret' }));
    assert.equal(await modeOf(join(dir, 'data')), 0o700);
    assert.equal(await modeOf(join(dir, 'data', 'pharos')), 0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) assert.equal((await modeOf(f)).toString(8), '600', f);

    // and a backup of it, from its first byte to the renamed file
    const out = join(dir, 'pharos.bak');
    await writeFile(out, 'an older backup, readable by all');
    await chmod(out, 0o644);
    await backupSqliteFile(file, out);
    assert.equal((await modeOf(out)).toString(8), '600');
  } finally {
    await store.close();
  }
  assert.deepEqual(warnings, []);
});

test('an existing store file that others may read is left as it is, with a warning', async () => {
  const file = join(dir, 'loose.db');
  await writeFile(file, '');
  await chmod(file, 0o644);
  const store = await openStore(`sqlite:${file}`, { logger });
  await store.close();
  assert.equal(await modeOf(file), 0o644);
  assert.equal(warnings.length, 1);
  assert.match(JSON.stringify(warnings[0]), /"mode":"644"/);
});

test('a backup is written into a file that is 0600 before its first byte, even over a stale partial file', async () => {
  const out = join(dir, 'logical.jsonl.gz');
  await writeFile(`${out}.partial-${process.pid}`, 'left by a run that died');
  await chmod(`${out}.partial-${process.pid}`, 0o666);
  let modeWhileWriting = -1;
  await writeAtomically(out, async (tmp) => {
    modeWhileWriting = await modeOf(tmp);
    assert.equal((await stat(tmp)).size, 0, 'the stale partial file is gone');
    await writeFile(tmp, 'secrets');
  });
  assert.equal(modeWhileWriting.toString(8), '600');
  assert.equal((await modeOf(out)).toString(8), '600');
});
