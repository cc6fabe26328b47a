import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A PostgreSQL cluster owned by one test, so that stopping it (an outage) disturbs no other test running in
 * parallel. Uses the system's binaries (Debian: /usr/lib/postgresql/<version>/bin). PostgreSQL refuses to run
 * as root: as root, the cluster's directory is given to the `postgres` system user and every command runs as it
 * through `runuser`.
 */
export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth) */
  url: string;
  port: number;
  /** `immediate` is a crash (no checkpoint, connections cut); `fast` a clean shutdown */
  stop(opts?: { mode?: 'fast' | 'immediate' }): Promise<void>;
  /** start again on the same port and data */
  start(): Promise<void>;
  /** stop (if running) and remove the cluster */
  close(): Promise<void>;
}

const run = promisify(execFile);
const RUN_AS = 'postgres';

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = await postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'pharos-own-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', RUN_AS]);
    const { stdout: gid } = await run('id', ['-g', RUN_AS]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', RUN_AS, '--', join(bin, tool), ...args]) : run(join(bin, tool), args));
  const data = join(dir, 'data');
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  // test data need not survive a crash: no fsync
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  let running = false;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    running = true;
  };
  const stop = async (opts?: { mode?: 'fast' | 'immediate' }) => {
    if (!running) return;
    await pg('pg_ctl', ['-D', data, '-m', opts?.mode ?? 'fast', '-w', '-t', '30', 'stop']);
    running = false;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async close() {
      await stop({ mode: 'immediate' }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The newest installed version's bin directory (PHAROS_PG_BIN overrides). */
async function postgresBinDir(): Promise<string> {
  if (process.env.PHAROS_PG_BIN) return process.env.PHAROS_PG_BIN;
  const versions = (await readdir('/usr/lib/postgresql').catch(() => [] as string[])).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql (set PHAROS_PG_BIN)');
  return join('/usr/lib/postgresql', versions[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
