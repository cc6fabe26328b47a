import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createToken } from '../../src/admin/api-tokens.ts';
import { createUser } from '../../src/admin/users.ts';
import { OFFLINE_RUNTIME } from '../../src/cli/user-command.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { defaultEgressPolicy } from '../../src/egress/egress-policy.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';
import { startRedisServer, type RedisTestServer } from './redis-test-server.ts';

/** the HA issue: every replica reflects a change within 2 s, whichever worker saw it */
const WITHIN_MS = 2_000;

interface Summary {
  incidents: { id: string; name: string }[];
}

// no monitors: both replicas would run them (leases come separately)
const configText = (storageUrl: string, redisUrl: string | undefined, prefix: string) => `
title: Replicas
storage: { url: "${storageUrl}", batch_interval: 20ms }
admin: { setup_link: false }
components:
  - { id: api, name: Public API }
${redisUrl ? `bus: { redis: { url: "\${REDIS_URL}", prefix: "${prefix}" } }` : ''}
`;

for (const transport of ['redis', 'postgres-notify'] as const) {
  describe(`two replicas on one PostgreSQL database (${transport} bus)`, () => {
    let db: TestDatabase;
    let redis: RedisTestServer | undefined;
    let a: RunningPharos;
    let b: RunningPharos;
    let token: string;
    const summaryOf = async (p: RunningPharos): Promise<Summary> =>
      (await fetch(`${p.url}/api/v2/summary.json`)).json() as Promise<Summary>;

    before(async () => {
      db = await testDatabaseUrl();
      if (transport === 'redis') redis = await startRedisServer();
      const config = parseConfigText(
        configText(db.url, redis?.url, `replicas-${randomBytes(4).toString('hex')}`),
        'replicas.yaml',
        { REDIS_URL: redis?.url ?? '' },
      );
      // one after the other: the first migrates the database
      a = await startPharos({ config, port: 0, logger: createLogger('silent') });
      b = await startPharos({ config, port: 0, logger: createLogger('silent') });
      const ctx = {
        actor: CLI_ACTOR,
        store: a.store,
        bus: a.bus,
        runtime: OFFLINE_RUNTIME,
        egress: defaultEgressPolicy(),
        now: Date.now,
      };
      const user = await createUser(ctx, { email: 'ops@example.com', role: 'admin' });
      token = (await createToken(ctx, { name: 'replicas test', scopes: ['read', 'write'], userId: user.id })).token;
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await redis?.stop();
      await db?.drop();
      await stopTestPostgres();
    });

    test('both replicas use the expected bus and are ready', async () => {
      for (const p of [a, b]) {
        assert.equal(p.bus.kind, transport);
        assert.equal(p.bus.status?.().connected, true);
        const ready = await fetch(`${p.url}/readyz`);
        assert.equal(ready.status, 200, await ready.text());
      }
    });

    test("an incident opened through one replica shows on the other's summary and live stream", async () => {
      const stream = await fetch(`${b.url}/api/v2/stream`);
      assert.equal(stream.status, 200);
      const reader = stream.body!.getReader();
      const etags: string[] = [];
      const reading = (async () => {
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          for (const m of decoder.decode(value).matchAll(/data: (\{.*\})/g))
            etags.push((JSON.parse(m[1]!) as { etag: string }).etag);
        }
      })();
      try {
        await waitFor('the stream to send the current etag', () => etags.length > 0);
        const name = `Database failover ${transport}`;
        const created = await fetch(`${a.url}/api/v1/incidents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name, body: 'We are looking into it.' }),
        });
        assert.equal(created.status, 201, await created.text());
        await waitFor(
          'the other replica to show the incident',
          async () => (await summaryOf(b)).incidents.some((i) => i.name === name),
          WITHIN_MS,
        );
        await waitFor("the other replica's stream to announce a new page", () => etags.length > 1, WITHIN_MS);
        assert.notEqual(etags.at(-1), etags[0]);
      } finally {
        await reader.cancel();
        await reading.catch(() => undefined);
      }
    });
  });
}
