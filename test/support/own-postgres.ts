import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isFree, pickStablePort } from './cluster-ports.ts';
import { withClient } from './postgres.ts';

/** a cluster just started on a loaded machine may take a moment to accept connections */
const CONNECT_MS = 5_000;

/**
 * A PostgreSQL cluster owned by one test, so that stopping it (an outage) disturbs no other test running in
 * parallel. Uses the system's binaries (Debian: /usr/lib/postgresql/<version>/bin). PostgreSQL refuses to run
 * as root: as root, the cluster's directory is given to the `postgres` system user and every command runs as it
 * through `runuser`.
 *
 * Stopping and starting again must give back the same server with the same data. Two things made that fail:
 * a port from the kernel's ephemeral range can be handed to another server while ours is stopped, and then either
 * ours cannot start or a client reaches the other one. So the TCP port comes from a range the kernel does not hand
 * out (`pickStablePort`), the unix socket lives in the test's own directory, and every start checks that the
 * server answering on the port is this cluster (its data directory) with its data (a token written at creation).
 */
export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth) */
  url: string;
  port: number;
  /** the directory of the unix socket (`.s.PGSQL.<port>`), owned by the test */
  socketDir: string;
  /** `immediate` is a crash (no checkpoint, connections cut); `fast` a clean shutdown */
  stop(opts?: { mode?: 'fast' | 'immediate' }): Promise<void>;
  /** start again on the same port and data; throws, saying why, when the port was taken meanwhile or another server answers */
  start(): Promise<void>;
  /** stop (if running) and remove the cluster */
  close(): Promise<void>;
}

const run = promisify(execFile);
const RUN_AS = 'postgres';
/** a database of its own, so the token sits beside whatever the test puts in `postgres` */
const IDENTITY_DB = 'own_pg_identity';
const PORT_ATTEMPTS = 5;

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = await postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'pharos-own-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', RUN_AS]);
    const { stdout: gid } = await run('id', ['-g', RUN_AS]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgTool = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', RUN_AS, '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  await pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);

  let port = 0;
  let running = false;
  const token = randomBytes(8).toString('hex');
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const launch = async () => {
    // Test data need not survive a crash of the machine: no fsync, no full pages. But a crash of PostgreSQL alone
    // (stop({ mode: 'immediate' })) must lose no committed transaction, so synchronous_commit stays on: off, a commit
    // acknowledged up to 200 ms before the stop was lost with the WAL buffers, and a test saw stored results vanish.
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    try {
      await pgTool('pg_ctl', ['-D', data, '-o', serverOptions, '-l', log, '-w', '-t', '30', 'start']);
    } catch (err) {
      throw new Error(
        `own PostgreSQL did not start on 127.0.0.1:${port}: ${(err as Error).message}\n${await logTail(log)}`,
        { cause: err },
      );
    }
    running = true;
  };

  // first start: pick a port, and another if that one was taken between the probe and the start
  for (let attempt = 1; ; attempt++) {
    port = await pickStablePort();
    try {
      await launch();
      break;
    } catch (err) {
      if (attempt >= PORT_ATTEMPTS || (await isFree(port))) throw err;
    }
  }
  await withClient(urlFor('postgres'), (c) => c.query(`create database ${IDENTITY_DB}`), CONNECT_MS);
  await withClient(
    urlFor(IDENTITY_DB),
    async (c) => {
      await c.query('create table identity (token text not null)');
      await c.query('insert into identity (token) values ($1)', [token]);
    },
    CONNECT_MS,
  );
  await checkIdentity(urlFor(IDENTITY_DB), data, token);

  const stop = async (opts?: { mode?: 'fast' | 'immediate' }) => {
    if (!running) return;
    await pgTool('pg_ctl', ['-D', data, '-m', opts?.mode ?? 'fast', '-w', '-t', '30', 'stop']);
    running = false;
  };
  return {
    url: urlFor('postgres'),
    port,
    socketDir: dir,
    stop,
    async start() {
      if (running) return;
      if (!(await isFree(port)))
        throw new Error(
          `own PostgreSQL: 127.0.0.1:${port} was taken by another process while the cluster was stopped; it cannot start on its port again`,
        );
      await launch();
      await checkIdentity(urlFor(IDENTITY_DB), data, token);
    },
    async close() {
      await stop({ mode: 'immediate' }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The server on the URL must be this cluster (its data directory) and still hold its data (the token). */
async function checkIdentity(url: string, dataDir: string, token: string): Promise<void> {
  await withClient(
    url,
    async (c) => {
      const dir = (await c.query<{ data_directory: string }>('show data_directory')).rows[0]?.data_directory;
      if (dir !== dataDir)
        throw new Error(
          `own PostgreSQL: ${url} is answered by another server (data directory ${dir}, ours is ${dataDir})`,
        );
      const stored = (await c.query<{ token: string }>('select token from identity')).rows[0]?.token;
      if (stored !== token)
        throw new Error(
          `own PostgreSQL: ${url} is our cluster but its data is not ours any more (token ${stored}, expected ${token})`,
        );
    },
    CONNECT_MS,
  ).catch((err: Error) => {
    throw err.message.startsWith('own PostgreSQL')
      ? err
      : new Error(`own PostgreSQL: cannot check the server on ${url}: ${err.message}`, { cause: err });
  });
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-15).join('\n');
}

/** The newest installed version's bin directory (PHAROS_PG_BIN overrides). */
async function postgresBinDir(): Promise<string> {
  if (process.env.PHAROS_PG_BIN) return process.env.PHAROS_PG_BIN;
  const versions = (await readdir('/usr/lib/postgresql').catch(() => [] as string[]))
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql (set PHAROS_PG_BIN)');
  return join('/usr/lib/postgresql', versions[0]!, 'bin');
}
