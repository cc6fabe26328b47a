import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { waitFor } from '../../../test/support/wait-for.ts';
import type { StoreLogger } from '../store-context.ts';
import { SQLITE_AUTOCHECKPOINT_PAGES, WalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-wal-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function recordingLogger() {
  const lines: string[] = [];
  const at = (level: string) => (_obj: unknown, msg?: string) => void lines.push(`${level}: ${msg}`);
  const logger = { info: at('info'), warn: at('warn'), error: at('error') } as StoreLogger;
  return { lines, logger };
}

/** a store-like file (WAL, as open-sqlite.ts opens it) and a checkpointer started on it */
function started(t: TestContext, name: string, opts: Partial<WalCheckpointerOptions> = {}) {
  const file = join(dir, name);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec('create table t (id integer primary key, body blob)');
  const { logger, lines } = recordingLogger();
  const checkpointer = new WalCheckpointer({
    file,
    logger,
    intervalMs: 50,
    setAutoCheckpoint: (pages) => void (db.open && db.pragma(`wal_autocheckpoint = ${pages}`)),
    ...opts,
  });
  checkpointer.start();
  t.after(async () => {
    if (db.open) db.close();
    await checkpointer.stop();
  });
  return { file, db, lines, checkpointer };
}

const autoCheckpoint = (db: BetterSqlite3.Database) => db.pragma('wal_autocheckpoint', { simple: true }) as number;
const MB = 1024 * 1024;

/** `commits` transactions of `rows` 4 KiB rows, `gapMs` apart; returns the largest size the log file reached */
async function write(db: BetterSqlite3.Database, file: string, commits: number, rows: number, gapMs: number) {
  const insert = db.prepare('insert into t (body) values (?)');
  const row = Buffer.alloc(4096, 1);
  let largest = 0;
  for (let i = 0; i < commits; i++) {
    db.transaction(() => {
      for (let k = 0; k < rows; k++) insert.run(row);
    })();
    largest = Math.max(largest, statSync(`${file}-wal`).size);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return largest;
}

test('the thread checkpoints the log between commits, and the log starts afresh instead of growing', async (t) => {
  const { file, db, lines, checkpointer } = started(t, 'paced.db');
  assert.equal(autoCheckpoint(db), 0, 'the main connection no longer checkpoints');
  db.prepare('insert into t (body) values (?)').run(Buffer.alloc(10));
  await waitFor('the thread checkpointing', () => checkpointer.checkpoints > 0, 10_000);
  // 40 MB in 100 commits of 400 kB, 25 ms apart (the batch writer commits every 100 ms by default)
  const largest = await write(db, file, 100, 100, 25);
  assert.ok(checkpointer.checkpoints > 5, `checkpoints by the thread: ${checkpointer.checkpoints}`);
  assert.ok(largest < 8 * MB, `the log stayed under 8 MB (largest ${largest} bytes)`);
  assert.deepEqual(lines, []);
  db.close();
  await checkpointer.stop();
  assert.equal(existsSync(`${file}-wal`), false, 'the last connection to close took the log away');
  const reopened = new BetterSqlite3(file);
  assert.equal((reopened.prepare('select count(*) as n from t').get() as { n: number }).n, 10_001);
  reopened.close();
});

test('commits back to back: past restartFrames the writer waits for a checkpoint, and the log stays bounded', async (t) => {
  const { file, db, lines, checkpointer } = started(t, 'flood.db', { restartFrames: 1_000 });
  db.prepare('insert into t (body) values (?)').run(Buffer.alloc(10));
  await waitFor('the thread checkpointing', () => checkpointer.checkpoints > 0, 10_000);
  // 40 MB in 400 commits of 100 kB with hardly a gap: passive checkpoints alone cannot catch up
  const largest = await write(db, file, 400, 25, 1);
  assert.ok(largest < 16 * MB, `the log stayed under 16 MB (largest ${largest} bytes)`);
  assert.deepEqual(lines, []);
});

test('a thread that fails gives checkpoints back to the main connection, and says so at error level', async (t) => {
  const { db, lines, checkpointer } = started(t, 'fails.db', {
    entry: { url: new URL('data:text/javascript,throw new Error("no such module")') },
  });
  await waitFor('the fall-back', () => !checkpointer.running, 5_000);
  assert.equal(autoCheckpoint(db), SQLITE_AUTOCHECKPOINT_PAGES);
  assert.deepEqual(lines, [
    'error: the WAL checkpoint thread stopped working: the store checkpoints on the main thread again',
  ]);
});
