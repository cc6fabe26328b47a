import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createToken } from '../../src/admin/api-tokens.ts';
import { createUser } from '../../src/admin/users.ts';
import { InProcessBus } from '../../src/bus/in-process-bus.ts';
import { OFFLINE_RUNTIME } from '../../src/cli/user-command.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createEgressPolicy } from '../../src/egress/egress-policy.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { freePort } from '../support/free-port.ts';
import { startOidcTestProvider, type OidcTestProvider } from '../support/oidc-test-provider.ts';
import { PharosProcess } from '../support/pharos-process.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Issue 17: nothing depends on which replica a request reaches. Two `--role web` processes behind a round-robin
 * proxy (no stickiness) and two `--role worker` processes, on PostgreSQL with a Redis bus.
 */
const SECRET = 'replicas-shared-state-secret-0123456789abcdef';
const PUSH_TOKEN = 'push-token-0123456789abcdef';
const PUSH_INTERVAL_MS = 4_000;
const PUSH_GRACE_MS = 2_000;

let dir: string;
let db: TestDatabase;
let store: Store;
let provider: OidcTestProvider;
let proxy: RoundRobinProxy;
let target: http.Server & { hits: number };
let webs: PharosProcess[] = [];
let workers: PharosProcess[] = [];
let token: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-shared-state-'));
  db = await testDatabaseUrl();
  const hits = { n: 0 };
  const server = http.createServer((_req, res) => {
    hits.n++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = Object.defineProperty(server, 'hits', { get: () => hits.n }) as http.Server & { hits: number };
  const proxyPort = await freePort();
  const base = `http://127.0.0.1:${proxyPort}`;
  provider = await startOidcTestProvider({
    clients: [
      {
        client_id: 'pharos',
        client_secret: 'pharos-client-secret-0123456789',
        redirect_uris: [`${base}/admin/login/oidc/callback`],
      },
    ],
    accounts: [{ sub: 'u-ops', email: 'ops@example.com', email_verified: true, groups: ['ops'] }],
  });
  const text = `title: Shared state
server: { host: 127.0.0.1, base_url: "${base}", secret: "${SECRET}", shutdown_grace: 5s }
storage: { url: "${db.url}", batch_interval: 20ms }
scheduler: { lease_ttl: 1s }
bus: { redis: { url: "redis://127.0.0.1:6379", prefix: "shared${Date.now().toString(36)}" } }
admin:
  setup_link: false
  oidc:
    issuer: "${provider.issuer}"
    client_id: pharos
    client_secret: pharos-client-secret-0123456789
    roles:
      editor: { groups: [ops] }
components:
  - { id: api, name: API, monitors: [api-check] }
  - { id: job, name: Nightly job, monitors: [job-push] }
monitors:
  - { id: api-check, type: http, url: "http://127.0.0.1:${(server.address() as AddressInfo).port}/ok", interval: 1h, timeout: 2s }
  - { id: job-push, type: push, token: "${PUSH_TOKEN}", interval: ${PUSH_INTERVAL_MS}ms, grace: ${PUSH_GRACE_MS}ms, failure_threshold: 5, success_threshold: 1 }
`;
  const configFile = join(dir, 'pharos.yaml');
  await writeFile(configFile, text);
  const config = parseConfigText(text, 'pharos.yaml', {});
  const replica = async (name: string, role: 'web' | 'worker') =>
    new PharosProcess(name, { configFile, role, port: await freePort(), logDir: dir });
  workers = [await replica('worker0', 'worker'), await replica('worker1', 'worker')];
  webs = [await replica('web0', 'web'), await replica('web1', 'web')];
  // the first start migrates; the others then start side by side
  await workers[0]!.start();
  await Promise.all([workers[1]!.start(), ...webs.map((w) => w.start())]);
  proxy = await startRoundRobinProxy(() => webs.map((w) => w.url), proxyPort);

  store = await openStore(db.url);
  const cli = {
    actor: CLI_ACTOR,
    store,
    bus: new InProcessBus(),
    runtime: OFFLINE_RUNTIME,
    egress: createEgressPolicy(config.egress),
    now: Date.now,
  };
  const user = await createUser(cli, { email: 'admin@acme.test', role: 'admin', password: 'correct horse battery 42' });
  token = (await createToken(cli, { name: 'test', scopes: ['read', 'write'], userId: user.id })).token;
});

after(async () => {
  await Promise.all([...webs, ...workers].map((p) => p.dispose()));
  await proxy?.close();
  await provider?.close();
  await new Promise((resolve) => target?.close(resolve));
  await store?.close();
  await db?.drop();
  await stopTestPostgres();
  await rm(dir, { recursive: true, force: true });
});

function cookieOf(res: Response, name: string): string | undefined {
  for (const c of res.headers.getSetCookie())
    if (c.startsWith(`${name}=`)) return c.split(';')[0]!.slice(name.length + 1);
  return undefined;
}

const backendOf = (res: Response) => Number(res.headers.get('x-test-backend'));

async function ownerOf(unit: string): Promise<PharosProcess | undefined> {
  const lease = (await store.leases.list()).find((l) => l.unit === unit && l.expiresAt > Date.now());
  return lease && workers.find((w) => w.running && lease.owner.includes(`:${w.pid}:`));
}

test('an OIDC sign-in whose callback lands on the other web replica succeeds', async () => {
  provider.loginAs('u-ops');
  const start = await fetch(`${proxy.url}/admin/login/oidc`, { redirect: 'manual' });
  assert.equal(start.status, 303, await start.clone().text());
  const pending = cookieOf(start, 'pharos_oidc');
  assert.ok(pending);
  const callback = await provider.authorize(start.headers.get('location')!);
  const done = await fetch(`${proxy.url}${callback.pathname}${callback.search}`, {
    redirect: 'manual',
    headers: { cookie: `pharos_oidc=${pending}` },
  });
  assert.notEqual(backendOf(done), backendOf(start), 'the callback reached the other replica');
  assert.equal(done.status, 303, await done.clone().text());
  assert.equal(done.headers.get('location'), '/admin');
  const session = cookieOf(done, 'pharos_session');
  assert.ok(session);
  for (let i = 0; i < 2; i++) {
    const me: Response = await fetch(`${proxy.url}/api/v1/auth/me`, {
      headers: { cookie: `pharos_session=${session}` },
    });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { user: { email: string } }).user.email, 'ops@example.com');
  }
});

test('"run check now" through either web replica runs once, on the worker that owns the monitor', async () => {
  await waitFor('a worker owns c:api', () => ownerOf('c:api'), 15_000);
  const backends = new Set<number>();
  for (let i = 0; i < 4; i++) {
    const hitsBefore = target.hits;
    const storedBefore = (await store.listResults('api-check', { from: 0, to: Date.now() + 60_000, limit: 1000 }))
      .length;
    const res = await fetch(`${proxy.url}/api/v1/monitors/api-check/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    backends.add(backendOf(res));
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { ok: boolean }).ok, true);
    assert.equal(target.hits - hitsBefore, 1, 'the check ran once');
    await waitFor(
      'the run recorded by the owner',
      async () =>
        (await store.listResults('api-check', { from: 0, to: Date.now() + 60_000, limit: 1000 })).length ===
        storedBefore + 1,
      5_000,
    );
  }
  assert.deepEqual([...backends].sort(), [0, 1], 'both web replicas took requests');
});

test('sign-in failures spread over both web replicas hit one limit (10 per address in 15 minutes)', async () => {
  const backends = new Set<number>();
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const res = await fetch(`${proxy.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // a different email each time: only the per-address limit across emails can stop the eleventh
      body: JSON.stringify({ email: `guess${i}@acme.test`, password: 'not the password at all' }),
    });
    backends.add(backendOf(res));
    statuses.push(res.status);
  }
  assert.deepEqual([...backends].sort(), [0, 1]);
  assert.deepEqual(statuses, [...Array<number>(10).fill(401), 429]);
});

test('a push monitor whose unit moves after its last push is judged from that push', async () => {
  const owner = await waitFor('a worker owns c:job', () => ownerOf('c:job'), 15_000);
  const pushedAt = Date.now();
  const push = await fetch(`${proxy.url}/api/push/${PUSH_TOKEN}`);
  assert.equal(push.status, 200);
  await waitFor(
    'the push recorded as up',
    async () => (await store.loadMonitorStates()).find((s) => s.monitorId === 'job-push')?.status === 'up',
    5_000,
  );
  // the owner leaves well after the push: a new owner that counted from the move would go down ~3 s too late
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  await owner.terminate();
  const other = await waitFor('the other worker owns c:job', () => ownerOf('c:job'), 10_000);
  assert.notEqual(other, owner);
  const down = await waitFor(
    'job-push down',
    async () =>
      (await store.listStatusChanges('job-push', { from: pushedAt, to: Date.now() + 60_000 })).find(
        (c) => c.to === 'down',
      ),
    15_000,
  );
  const deadline = pushedAt + PUSH_INTERVAL_MS + PUSH_GRACE_MS;
  assert.ok(
    down.at >= deadline - 100 && down.at <= deadline + 1_500,
    `down ${down.at - pushedAt} ms after the push; expected ${deadline - pushedAt} ms (interval + grace), whatever failure_threshold (5)`,
  );
  assert.match(down.reason ?? '', /no push received for/);
});
