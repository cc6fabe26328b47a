import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PharosEvent } from '../../src/bus/events.ts';
import { FallbackBus } from '../../src/bus/fallback-bus.ts';
import { PostgresNotifyTransport } from '../../src/bus/postgres-notify-transport.ts';
import { RedisTransport } from '../../src/bus/redis-transport.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { stopTestPostgres } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';
import { newChannel, startBusServers, stopBusServers, type BusServers } from './bus-implementations.ts';

/** the HA issue: every replica reflects a change within 2 s, whichever worker saw it */
const WITHIN_MS = 2_000;
const backoff = { minMs: 20, maxMs: 200 };

interface LogLine {
  level: number;
  msg: string;
  origin?: string;
}
const lines: LogLine[] = [];
const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });

let servers: BusServers;
before(async () => {
  servers = await startBusServers(logger);
});
after(async () => {
  await stopBusServers(servers);
  await stopTestPostgres();
});

function replica(channel: string, origin: string, startTimeoutMs = 5_000): { bus: FallbackBus; heard: string[] } {
  const log = logger.child({ origin });
  const bus = new FallbackBus(
    new RedisTransport({ url: servers.redis.url, prefix: channel, origin, logger: log, backoff, startTimeoutMs }),
    new PostgresNotifyTransport({ url: servers.db.url, channel: `pharos_${channel}`, origin, logger: log, backoff }),
    { logger: log, overlapMs: 500 },
  );
  const heard: string[] = [];
  bus.subscribe((e) => heard.push(e.type === 'incident.changed' ? e.incidentId : e.type));
  return { bus, heard };
}
const incident = (id: string): PharosEvent => ({
  type: 'incident.changed',
  incidentId: id,
  status: 'investigating',
  at: 1,
});
const logged = (origin: string, msg: RegExp) => lines.some((l) => l.origin === origin && msg.test(l.msg));

test('Redis killed: events travel over PostgreSQL NOTIFY; Redis back: over Redis again, each event once', async () => {
  const channel = newChannel();
  const a = replica(channel, 'a');
  const b = replica(channel, 'b');
  try {
    await Promise.all([a.bus.start(), b.bus.start()]);
    assert.deepEqual(a.bus.status(), { kind: 'redis', connected: true, fallback: false });
    await a.bus.publish(incident('before'));
    await waitFor('b to hear the first event', () => b.heard.includes('before'), WITHIN_MS);

    await servers.redis.kill();
    await a.bus.publish(incident('redis-dead'));
    await waitFor(
      'b to hear an event published right after Redis died',
      () => b.heard.includes('redis-dead'),
      WITHIN_MS,
    );
    await waitFor('both to fall back', () => a.bus.status().fallback && b.bus.status().fallback);
    assert.deepEqual(b.bus.status(), { kind: 'redis', connected: false, fallback: true });
    assert.ok(
      logged('a', /^Redis unreachable, falling back to PostgreSQL LISTEN\/NOTIFY/),
      'a warning names the fallback',
    );
    assert.equal(
      lines.filter((l) => l.origin === 'a' && /falling back/.test(l.msg)).length,
      1,
      'one warning per transition',
    );
    await b.bus.publish(incident('fallback-b-to-a'));
    await waitFor('a to hear b over the fallback', () => a.heard.includes('fallback-b-to-a'), WITHIN_MS);

    // events keep flowing while Redis comes back and the replicas reconnect at their own pace
    const published: string[] = [];
    let publishing = true;
    const stream = (async () => {
      while (publishing) {
        const id = `switch-${published.length}`;
        published.push(id);
        await a.bus.publish(incident(id));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await servers.redis.restart();
    await waitFor('both to use Redis again', () => a.bus.status().connected && b.bus.status().connected, 10_000);
    // past the overlap, when events go to Redis only
    await new Promise((r) => setTimeout(r, 600));
    publishing = false;
    await stream;
    assert.deepEqual(a.bus.status(), { kind: 'redis', connected: true, fallback: false });
    assert.ok(logged('a', /^Redis back$/) && logged('b', /^Redis back$/));

    await a.bus.publish(incident('after'));
    await waitFor('b to hear the last event', () => b.heard.includes('after'), WITHIN_MS);
    const expected = ['before', 'redis-dead', 'fallback-b-to-a', ...published, 'after'];
    for (const id of expected) assert.equal(b.heard.filter((h) => h === id).length, 1, `b heard ${id} once`);
    // a reconnect may add one "catalog.changed" (re-read everything): anything else is unexpected
    assert.deepEqual(
      b.heard.filter((h) => !expected.includes(h) && h !== 'catalog.changed'),
      [],
    );
  } finally {
    await a.bus.close();
    await b.bus.close();
  }
});

test('Redis down at start: the bus starts on the fallback, ready, and moves to Redis when it appears', async () => {
  const channel = newChannel();
  await servers.redis.kill();
  const a = replica(channel, 'late-a', 200);
  const b = replica(channel, 'late-b', 200);
  try {
    await Promise.all([a.bus.start(), b.bus.start()]);
    assert.deepEqual(a.bus.status(), { kind: 'redis', connected: false, fallback: true });
    assert.ok(logged('late-a', /^Redis unreachable, falling back/));
    await a.bus.publish(incident('while-down'));
    await waitFor('b to hear over the fallback', () => b.heard.includes('while-down'), WITHIN_MS);
    await servers.redis.restart();
    await waitFor('both on Redis', () => a.bus.status().connected && b.bus.status().connected, 10_000);
    await a.bus.publish(incident('on-redis'));
    await waitFor('b to hear over Redis', () => b.heard.includes('on-redis'), WITHIN_MS);
    assert.equal(b.heard.filter((h) => h === 'on-redis').length, 1);
  } finally {
    await a.bus.close();
    await b.bus.close();
  }
});
