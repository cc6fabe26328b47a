import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { PharosEvent } from '../../src/bus/events.ts';
import { PostgresNotifyBus } from '../../src/bus/postgres-notify-bus.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';

const logger = createLogger('silent');
let db: TestDatabase;
before(async () => {
  db = await testDatabaseUrl();
});
after(async () => {
  await db.drop();
  await stopTestPostgres();
});

const replica = async (origin: string) => {
  const bus = new PostgresNotifyBus({ url: db.url, origin, logger, backoff: { minMs: 20, maxMs: 200 } });
  await bus.start();
  const heard: PharosEvent[] = [];
  bus.subscribe((e) => heard.push(e));
  return { bus, heard };
};
const incident = (id: string): PharosEvent => ({
  type: 'incident.changed',
  incidentId: id,
  status: 'investigating',
  at: 1,
});
const heardIncident = (heard: PharosEvent[], id: string) =>
  heard.some((e) => e.type === 'incident.changed' && e.incidentId === id);

test('a dropped LISTEN connection reconnects, and subscribers are told to re-read what they may have missed', async () => {
  const a = await replica('a');
  const b = await replica('b');
  try {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      // the listening connections of this database, other than ours
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
    } finally {
      await admin.end();
    }
    await waitFor('both to reconnect', () => a.bus.status().connected && b.bus.status().connected);
    await waitFor('b to be told to re-read', () => b.heard.some((e) => e.type === 'catalog.changed'));
    await a.bus.publish(incident('after-reconnect'));
    await waitFor('b to hear a after the reconnect', () => heardIncident(b.heard, 'after-reconnect'));
  } finally {
    await a.bus.close();
    await b.bus.close();
  }
});

test('an event too large for NOTIFY still reaches this process, and publish does not throw', async () => {
  const a = await replica('big-a');
  const b = await replica('big-b');
  try {
    const huge = incident('x'.repeat(9_000));
    await a.bus.publish(huge);
    await a.bus.publish(incident('small'));
    await waitFor('b to hear the next event', () => heardIncident(b.heard, 'small'));
    assert.ok(a.heard.includes(huge));
    assert.equal(b.heard.includes(huge), false);
    assert.equal(b.heard.filter((e) => e.type === 'incident.changed').length, 1);
  } finally {
    await a.bus.close();
    await b.bus.close();
  }
});
