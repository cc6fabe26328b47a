import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { cachingStatements } from './statement-cache.ts';

test('each distinct SQL text is prepared once and reused; the least recently used goes past the limit', () => {
  const raw = new BetterSqlite3(':memory:');
  let prepared = 0;
  const counting = { close: () => raw.close(), prepare: (text: string) => ((prepared += 1), raw.prepare(text)) };
  const db = cachingStatements(counting, 2);
  const a = db.prepare('select 1 as x');
  assert.equal(db.prepare('select 1 as x'), a);
  const b = db.prepare('select 2 as x');
  assert.equal(db.prepare('select 1 as x'), a, 'a hit makes it the most recently used');
  db.prepare('select 3 as x'); // evicts 'select 2', the least recently used
  assert.equal(db.cachedStatements, 2);
  assert.equal(prepared, 3);
  assert.notEqual(db.prepare('select 2 as x'), b, 'prepared again after eviction');
  assert.equal(prepared, 4);
  assert.deepEqual(a.all([]), [{ x: 1 }]);
  db.close();
  assert.equal(raw.open, false);
});

test('through Kysely, a reused statement gives each query its own parameters and results', async () => {
  const db = new Kysely<{ t: { id: number; name: string } }>({
    dialect: new SqliteDialect({ database: cachingStatements(new BetterSqlite3(':memory:')) }),
  });
  await sql`create table t (id integer primary key, name text not null)`.execute(db);
  for (let i = 0; i < 50; i++)
    await db
      .insertInto('t')
      .values({ id: i, name: `n${i}` })
      .execute();
  for (const id of [3, 41, 7]) {
    const row = await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.name, `n${id}`);
  }
  const streamed: string[] = [];
  for await (const row of db.selectFrom('t').select('name').where('id', '<', 3).orderBy('id').stream())
    streamed.push(row.name);
  assert.deepEqual(streamed, ['n0', 'n1', 'n2']);
  // the same select after a stream that ended early
  for await (const _ of db.selectFrom('t').select('name').where('id', '<', 3).orderBy('id').stream()) break;
  assert.equal((await db.selectFrom('t').select('name').where('id', '<', 3).orderBy('id').execute()).length, 3);
  await db.destroy();
});
