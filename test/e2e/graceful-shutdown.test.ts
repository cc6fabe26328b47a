import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  get as httpGet,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos } from '../../src/runtime/start-pharos.ts';
import { openStore } from '../../src/store/open-store.ts';
import { waitFor, waitForHealthy } from '../support/wait-for.ts';
import { freePort } from '../support/free-port.ts';

const REPO = new URL('../..', import.meta.url).pathname;

/** A target on 127.0.0.1 that answers each request after `delayMs` (never when Infinity), counting what it sees. */
interface SlowTarget {
  url: string;
  received: number;
  answered: number;
  inFlight: number;
  maxInFlight: number;
  close(): Promise<void>;
}

async function startSlowTarget(delayMs: number, host = '127.0.0.1'): Promise<SlowTarget> {
  const held = new Set<ServerResponse>();
  const target = { received: 0, answered: 0, inFlight: 0, maxInFlight: 0 } as SlowTarget;
  const server: Server = createHttpServer((_req, res) => {
    target.received += 1;
    target.inFlight += 1;
    target.maxInFlight = Math.max(target.maxInFlight, target.inFlight);
    held.add(res);
    const answer = () => {
      held.delete(res);
      target.inFlight -= 1;
      target.answered += 1;
      res.end('ok');
    };
    if (Number.isFinite(delayMs)) setTimeout(answer, delayMs);
    res.on('close', () => held.has(res) && (held.delete(res), (target.inFlight -= 1)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.url = `http://${host}:${(server.address() as AddressInfo).port}/`;
  target.close = async () => {
    for (const res of held) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return target;
}

interface Child {
  process: ChildProcess;
  output: string;
  exited: Promise<{ code: number | null; at: number }>;
}

async function startChild(dir: string, config: object, port: number): Promise<Child> {
  const file = join(dir, 'pharos.yaml');
  await writeFile(file, JSON.stringify(config));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', '--config', file], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PHAROS_LOG_LEVEL: 'info' },
  });
  const child: Child = {
    process: proc,
    output: '',
    exited: new Promise((resolve) => proc.on('exit', (code) => resolve({ code, at: Date.now() }))),
  };
  proc.stdout!.on('data', (c: Buffer) => (child.output += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (child.output += c.toString()));
  await waitForHealthy(port);
  return child;
}

function baseConfig(dir: string, port: number, grace: string, monitor: object): object {
  return {
    server: { port, host: '127.0.0.1', shutdown_grace: grace },
    storage: { url: `sqlite:${join(dir, 'pharos.db')}` },
    monitors: [{ id: 'slow', type: 'http', interval: '2s', ...monitor }],
  };
}

/** An open SSE stream: its text so far, and a promise that resolves when the server ends it. */
function openStream(url: string): Promise<{ text: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    httpGet(url, (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      assert.equal(res.statusCode, 200);
      resolve({ text: () => text, ended });
    }).on('error', reject);
  });
}

async function readyzStatus(port: number): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined;
  }
}

describe('graceful shutdown (pharos start)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-shutdown-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('SIGTERM during a check: not ready at once, SSE told to retry and closed, the check recorded, exit 0', async () => {
    const target = await startSlowTarget(1500);
    const port = await freePort();
    const sub = join(dir, 'slow');
    await mkdir(sub);
    const child = await startChild(sub, baseConfig(sub, port, '10s', { url: target.url, timeout: '5s' }), port);
    try {
      assert.equal((await readyzStatus(port))?.status, 200);
      const stream = await openStream(`http://127.0.0.1:${port}/api/v2/stream`);
      await waitFor('a check in flight', () => target.inFlight > 0, 15_000, 10);
      const before = stream.text().length;
      child.process.kill('SIGTERM');
      const notReady = await waitFor(
        '/readyz to answer 503',
        async () => {
          const r = await readyzStatus(port);
          return r && r.status === 503 ? r : undefined;
        },
        5_000,
        20,
      );
      assert.match(notReady.body, /draining/);
      await stream.ended;
      assert.match(stream.text().slice(before), /^retry: \d+$/m);
      const { code } = await child.exited;
      assert.equal(code, 0, child.output);
      assert.match(child.output, /shutdown: flush batched writes/);
      const store = await openStore(`sqlite:${join(sub, 'pharos.db')}`);
      try {
        const results = await store.listResults('slow', { from: 0, to: Date.now() + 1, limit: 100 });
        assert.equal(target.answered, target.received);
        assert.equal(results.length, target.answered, 'every check that was in flight at SIGTERM is stored');
      } finally {
        await store.close();
      }
    } finally {
      child.process.kill('SIGKILL');
      await target.close();
    }
  });

  test('a target that never answers: exit 1 at the grace deadline, naming the pending check', async () => {
    const target = await startSlowTarget(Infinity);
    const port = await freePort();
    const sub = join(dir, 'dead');
    await mkdir(sub);
    const child = await startChild(sub, baseConfig(sub, port, '2s', { url: target.url, timeout: '60s' }), port);
    try {
      await waitFor('a check in flight', () => target.inFlight > 0, 15_000, 10);
      const sent = Date.now();
      child.process.kill('SIGTERM');
      const { code, at } = await child.exited;
      assert.equal(code, 1, child.output);
      assert.match(child.output, /still pending: stop scheduling; wait for checks in flight \(check slow\)/);
      assert.ok(at - sent < 2000 + 3000, `exited ${at - sent} ms after SIGTERM with a 2 s grace`);
    } finally {
      child.process.kill('SIGKILL');
      await target.close();
    }
  });

  test('a second signal exits at once', async () => {
    const target = await startSlowTarget(Infinity);
    const port = await freePort();
    const sub = join(dir, 'twice');
    await mkdir(sub);
    const child = await startChild(sub, baseConfig(sub, port, '30s', { url: target.url, timeout: '60s' }), port);
    try {
      await waitFor('a check in flight', () => target.inFlight > 0, 15_000, 10);
      child.process.kill('SIGTERM');
      await waitFor('draining', async () => (await readyzStatus(port))?.status === 503, 5_000, 20);
      child.process.kill('SIGINT');
      const { code } = await child.exited;
      assert.equal(code, 1);
      assert.match(child.output, /second signal/);
    } finally {
      child.process.kill('SIGKILL');
      await target.close();
    }
  });
});

describe('per-host concurrency', () => {
  test('20 monitors on a slow host do not starve one on a fast host', async () => {
    const slow = await startSlowTarget(3000);
    const fast = await startSlowTarget(0, 'localhost');
    const dir = await mkdtemp(join(tmpdir(), 'pharos-per-host-'));
    const monitors = [
      ...Array.from({ length: 20 }, (_, i) => ({
        id: `slow-${i}`,
        type: 'http',
        url: `${slow.url}${i}`,
        interval: '2s',
        timeout: '10s',
      })),
      { id: 'fast', type: 'http', url: fast.url, interval: '1s', timeout: '5s' },
    ];
    const config = parseConfigText(
      JSON.stringify({
        storage: { url: `sqlite:${join(dir, 'pharos.db')}` },
        scheduler: { concurrency: 10, per_host_concurrency: 2 },
        monitors,
      }),
      'pharos.yaml',
    );
    const fastResults: number[] = [];
    const pharos = await startPharos({
      config,
      port: 0,
      logger: createLogger('silent'),
      onResult: (r) => r.monitorId === 'fast' && fastResults.push(r.startedAt),
    });
    try {
      // every slow monitor has come due at least once and the slow host is saturated
      await waitFor('the slow host to be busy', () => slow.maxInFlight >= 2 && slow.received >= 2, 10_000, 20);
      const from = fastResults.length;
      await waitFor('the slow monitors to wait in line', () => slow.received >= 4, 10_000, 20);
      await waitFor('six more fast checks', () => fastResults.length >= from + 6, 12_000, 20);
      assert.equal(slow.maxInFlight, 2, 'never more than per_host_concurrency checks on one host');
      const gaps = fastResults.slice(from).map((t, i, all) => (i === 0 ? 0 : t - all[i - 1]!));
      assert.ok(
        Math.max(...gaps) < 2500,
        `the fast monitor is checked at its 1 s interval (gaps ${gaps.join(', ')} ms)`,
      );
    } finally {
      await pharos.close();
      await slow.close();
      await fast.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
