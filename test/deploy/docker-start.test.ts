import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { startRedisServer, type RedisTestServer } from '../bus/redis-test-server.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';
import { assembleImageRoot, type ImageRoot } from './support/docker-image-root.ts';
import { killContainer, startContainer, type ContainerProcess } from './support/docker-start-command.ts';
import { instructionsOf } from './support/dockerfile-model.ts';
import { freePort } from '../support/free-port.ts';

// What the image runs, run here: the Dockerfile's own ENTRYPOINT + CMD in a folder laid out like the image
// (files COPYed through .dockerignore, dist/ built from that context), as uid 10001 on a read-only root when
// this machine allows it (see support/docker-start-command.ts), against SQLite in the volume and PostgreSQL.

const REPO = new URL('../..', import.meta.url).pathname;
const METRICS_TOKEN = 'metrics-token-for-the-image-test';
const SERVER_SECRET = 'server-secret-for-the-image-test-shared-by-replicas';
/** the orchestrators' stop timeout (Compose stop_grace_period, Kubernetes terminationGracePeriodSeconds, ECS stopTimeout) */
const STOP_TIMEOUT_MS = 30_000;
const STARTUP_TIMEOUT_MS = 60_000;

let image: ImageRoot;
let redis: RedisTestServer;
const containers: ContainerProcess[] = [];

before(async () => {
  image = await assembleImageRoot({ context: REPO, dockerfile: join(REPO, 'deploy/docker/Dockerfile') });
  redis = await startRedisServer();
});

after(async () => {
  await Promise.all(containers.map((c) => killContainer(c)));
  await redis?.stop();
  image?.remove();
  await stopTestPostgres();
});

function conventionEnv(port: number, databaseUrl: string, role?: string): Record<string, string> {
  return {
    PHAROS_PORT: String(port),
    PHAROS_DATABASE_URL: databaseUrl,
    PHAROS_REDIS_URL: redis.url,
    PHAROS_METRICS_TOKEN: METRICS_TOKEN,
    PHAROS_SECRET: SERVER_SECRET,
    PHAROS_BASE_URL: `http://127.0.0.1:${port}`,
    PHAROS_LOG_LEVEL: 'warn',
    ...(role ? { PHAROS_ROLE: role } : {}),
  };
}

function run(t: TestContext, env: Record<string, string>, command?: string[]): ContainerProcess {
  const container = startContainer(image, { env, command });
  containers.push(container);
  for (const note of container.notes) t.diagnostic(note);
  return container;
}

async function status(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`, { headers, signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

async function waitReady(container: ContainerProcess, port: number): Promise<void> {
  await waitFor(
    `/readyz 200 on ${port} (${container.argv.join(' ')})\n${container.output()}`,
    async () => {
      if (container.process.exitCode !== null)
        throw new Error(`exited ${container.process.exitCode}:\n${container.output()}`);
      return (await status(port, '/readyz')) === 200;
    },
    STARTUP_TIMEOUT_MS,
    200,
  );
  assert.equal(await status(port, '/healthz'), 200);
}

/** SIGTERM, as `docker stop` sends it: Pharos drains and exits 0 before the stop timeout. */
async function stopGracefully(container: ContainerProcess): Promise<void> {
  const sent = Date.now();
  container.process.kill('SIGTERM');
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`still running ${STOP_TIMEOUT_MS} ms after SIGTERM:\n${container.output()}`)),
      STOP_TIMEOUT_MS,
    ).unref(),
  );
  const { code, signal, at } = await Promise.race([container.exited, timeout]);
  assert.equal(signal, null, container.output());
  assert.equal(code, 0, `exit code after SIGTERM:\n${container.output()}`);
  assert.ok(at - sent < STOP_TIMEOUT_MS);
}

/** The image's HEALTHCHECK command, as Docker runs it inside the container (node from PATH, the container's env). */
async function healthcheck(port: number): Promise<number | null> {
  const [program, ...args] = instructionsOf(image.final, 'HEALTHCHECK').at(-1)!.args;
  assert.equal(program, 'node');
  const child = spawn(process.execPath, args, { env: { PHAROS_PORT: String(port) }, stdio: 'ignore' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

function childPids(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children === '' ? [] : children.split(/\s+/).map(Number);
}

async function stylesheetStatus(port: number, path: string): Promise<number> {
  const html = await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
  const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
  assert.ok(href, `a stylesheet on ${path}: ${html.slice(0, 300)}`);
  return status(port, href);
}

describe('the image layout', () => {
  test('holds the bundle, its assets, the CLI and the config where the command expects them', () => {
    for (const path of [
      '/app/package.json',
      '/app/bin/pharos.js',
      '/app/dist/cli.mjs',
      '/app/dist/check-thread.mjs',
      '/app/dist/wal-checkpoint-thread.mjs',
      '/app/dist/pharos.css',
      '/app/dist/pharos.js',
      '/app/dist/admin-static/admin.css',
      '/etc/pharos/pharos.yaml',
      '/etc/pharos/standalone.yaml',
    ]) {
      assert.ok(existsSync(join(image.root, path)), `${path} in the image`);
    }
    assert.deepEqual(readdirSync(join(image.root, 'app')).sort(), ['bin', 'dist', 'node_modules', 'package.json']);
    assert.equal(image.workdir, '/app');
  });

  test('every package the bundle imports is a production dependency (the image has no dev dependencies)', () => {
    const { dependencies } = JSON.parse(readFileSync(join(image.root, 'app/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const imported = new Set<string>();
    for (const bundle of ['cli.mjs', 'index.mjs', 'check-thread.mjs', 'wal-checkpoint-thread.mjs']) {
      const text = readFileSync(join(image.root, 'app/dist', bundle), 'utf8');
      // esbuild writes static imports one per line, `import … from "pkg";` or `import "pkg";`, and import("pkg")
      const statements = /^import\s(?:[^;'"]*?\sfrom\s*)?"([^"]+)";?$|\bimport\(\s*"([^"]+)"\s*\)/gm;
      for (const [, fromStatement, fromCall] of text.matchAll(statements)) {
        const specifier = fromStatement ?? fromCall;
        if (specifier!.startsWith('.')) continue;
        if (isBuiltin(specifier!)) continue;
        const parts = specifier!.split('/');
        imported.add(specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
    assert.ok(imported.has('fastify') && imported.has('better-sqlite3'), `imports found: ${[...imported].join(', ')}`);
    assert.deepEqual(
      [...imported].filter((name) => !(name in dependencies)),
      [],
    );
  });
});

describe('the start command', () => {
  test('role all on SQLite in the volume: ready, healthy, metrics behind the token, assets served, exits 0 on SIGTERM', async (t) => {
    const port = await freePort();
    const volume = image.hostPath('/var/lib/pharos');
    const container = run(t, conventionEnv(port, `sqlite:${volume}/pharos.db`));
    await waitReady(container, port);
    if (container.confined) {
      // the pid is the container's PID 1 (tini, or node without it); Pharos runs as the image's user under it
      const uids = [container.process.pid!, ...childPids(container.process.pid!)].map(
        (pid) => /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1],
      );
      assert.deepEqual(new Set(uids), new Set([String(image.user.uid)]), 'every process runs as USER');
      assert.match(
        readFileSync(`/proc/${container.process.pid}/mountinfo`, 'utf8'),
        /^\S+ \S+ \S+ \S+ \/ ro[,\s]/m,
        'its / is read-only',
      );
    }
    assert.equal(await status(port, '/metrics'), 401, 'no token, no metrics');
    assert.equal(await status(port, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` }), 200);
    assert.equal(await stylesheetStatus(port, '/'), 200, 'the status page stylesheet (dist/pharos.css)');
    assert.equal(await stylesheetStatus(port, '/admin'), 200, 'the admin stylesheet (dist/admin-static)');
    assert.equal(await healthcheck(port), 0, 'HEALTHCHECK passes');
    await stopGracefully(container);
    assert.equal(await healthcheck(port), 1, 'HEALTHCHECK fails once Pharos is gone');
    assert.ok(readdirSync(volume).includes('pharos.db'), 'the database is in the volume');
  });

  test('on PostgreSQL: the Compose migrate command, then a web and a worker replica side by side', async (t) => {
    const database: TestDatabase = await testDatabaseUrl();
    try {
      const compose = parseYaml(readFileSync(join(REPO, 'deploy/docker/compose.yaml'), 'utf8'), { merge: true }) as {
        services: Record<string, { command?: string[] }>;
      };
      const migrate = run(t, conventionEnv(await freePort(), database.url), compose.services.migrate!.command);
      const migrated = await migrate.exited;
      assert.equal(migrated.code, 0, `migrate:\n${migrate.output()}`);

      const [webPort, workerPort] = [await freePort(), await freePort()];
      const web = run(t, conventionEnv(webPort, database.url, 'web'));
      const worker = run(t, conventionEnv(workerPort, database.url, 'worker'));
      await Promise.all([waitReady(web, webPort), waitReady(worker, workerPort)]);
      assert.equal(await status(webPort, '/'), 200, 'a web replica serves the status page');
      assert.equal(
        await status(workerPort, '/'),
        404,
        'a worker answers only the ops routes: PHAROS_ROLE reached --role',
      );
      assert.equal(await status(workerPort, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` }), 200);
      await Promise.all([stopGracefully(web), stopGracefully(worker)]);
    } finally {
      await database.drop();
    }
  });
});
