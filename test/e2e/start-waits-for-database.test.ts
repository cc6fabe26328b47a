import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '../support/free-port.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';

// `pharos start` while PostgreSQL cannot be reached: it waits and retries instead of exiting (no crash loop), starts
// once the database answers, and a SIGTERM while waiting ends it cleanly.
const REPO = new URL('../..', import.meta.url).pathname;
let db: TestDatabase;
let dir: string;
const children: ChildProcess[] = [];
const sockets = new Set<Socket>();

before(async () => {
  db = await testDatabaseUrl();
  dir = await mkdtemp(join(tmpdir(), 'pharos-wait-db-'));
});
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const s of sockets) s.destroy();
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
  await stopTestPostgres();
});

/** A TCP relay to the real PostgreSQL, listening only once `open` is called: until then the port refuses connections. */
function relayTo(target: URL, port: number): { open(): Promise<Server> } {
  return {
    open: () =>
      new Promise((resolve) => {
        const server = createServer((client) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => undefined);
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', () => resolve(server));
      }),
  };
}

async function startPharos(dbPort: number, httpPort: number) {
  const url = new URL(db.url);
  url.host = `127.0.0.1:${dbPort}`;
  const file = join(dir, `pharos-${httpPort}.yaml`);
  await writeFile(
    file,
    JSON.stringify({
      server: { port: httpPort, host: '127.0.0.1', secret: 'test-secret-shared-by-every-replica-0123456789' },
      storage: { url: url.href },
      admin: { setup_link: false },
    }),
  );
  const proc = spawn(process.execPath, ['bin/pharos.js', 'start', '--config', file], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PHAROS_LOG_LEVEL: 'info' },
  });
  children.push(proc);
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, output: () => output };
}

const status = async (port: number, path: string) => {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`)).status;
  } catch {
    return 0;
  }
};

test('started while the database is unreachable, Pharos waits, then starts when it answers', async () => {
  const [dbPort, httpPort] = [await freePort(), await freePort()];
  const pharos = await startPharos(dbPort, httpPort);
  await waitFor(
    'two "database is unreachable" retries',
    () => (pharos.output().match(/the database is unreachable; waiting for it/g) ?? []).length >= 2,
    30_000,
  );
  assert.equal(pharos.proc.exitCode, null, `still running, not exited:\n${pharos.output()}`);
  assert.ok(!pharos.output().includes(new URL(db.url).pathname.slice(1) + '"'), 'the log names no connection string');

  const relay = await relayTo(new URL(db.url), dbPort).open();
  try {
    await waitFor(
      `/readyz 200 once the database answers\n${pharos.output()}`,
      async () => (await status(httpPort, '/readyz')) === 200,
      60_000,
      250,
    );
    pharos.proc.kill('SIGTERM');
    assert.equal(await pharos.exited, 0);
  } finally {
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  }
});

test('SIGTERM while it waits for the database ends it at once with exit code 0', async () => {
  const [dbPort, httpPort] = [await freePort(), await freePort()];
  const pharos = await startPharos(dbPort, httpPort);
  await waitFor('a first retry', () => pharos.output().includes('the database is unreachable'), 30_000);
  const sentAt = Date.now();
  pharos.proc.kill('SIGTERM');
  assert.equal(await pharos.exited, 0, pharos.output());
  assert.ok(Date.now() - sentAt < 5_000, 'no wait for the next retry');
  assert.match(pharos.output(), /stopped while waiting for the database/);
});
