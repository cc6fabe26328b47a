import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { monitorSchema } from '../../config/monitor-schema.ts';
import { egressSchema } from '../../config/egress-schema.ts';
import type { CheckResult } from '../../domain/check-result.ts';
import { createEgressPolicy } from '../../egress/egress-policy.ts';
import { compileMonitor, type LiveMonitor } from '../live-monitor.ts';
import { createLogger } from '../logger.ts';
import { PushInbox } from '../push-inbox.ts';
import { runCheck, type RunCheckDeps } from '../run-check.ts';
import { checkThreadCount } from './check-thread-count.ts';
import { CheckThreadPool } from './check-thread-pool.ts';

const logger = createLogger('silent');
// API-created monitors may not reach private addresses; config-file ones may
const egressConfig = egressSchema.parse({ deny_private: true });
const egress = createEgressPolicy(egressConfig);

let http: Server;
let tcp: TcpServer;
let httpBase = '';
let tcpPort = 0;
let refusedPort = 0;
let connections = 0;

before(async () => {
  http = createHttpServer((req, res) => {
    if (req.url === '/slow') return; // never answers: the check's timeout ends it
    res.writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'text/plain' }).end(`hello from ${req.url}`);
  });
  http.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  tcp = createTcpServer((socket) => socket.end());
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  tcpPort = (tcp.address() as AddressInfo).port;
  // a port nobody listens on: bound once, then closed
  const closed = createTcpServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  refusedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});

after(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  await new Promise((resolve) => tcp.close(resolve));
});

function monitor(fields: Record<string, unknown>, managedBy: 'config' | 'api' = 'config'): LiveMonitor {
  return compileMonitor(monitorSchema.parse({ id: 'm', timeout: '2s', ...fields }), [], managedBy);
}

function deps(probes?: CheckThreadPool, shutdown = new AbortController().signal): RunCheckDeps {
  return { now: Date.now, pushInbox: new PushInbox(), shutdown, monitorSince: () => Date.now(), egress, probes };
}

/** What must not depend on where the check ran (times do). */
function outcome(result: CheckResult | null) {
  if (!result) return null;
  return {
    ok: result.ok,
    statusCode: result.statusCode,
    error: result.error,
    connected: result.probe?.connected,
    body: result.probe?.body,
    conditions: result.conditionResults?.map((c) => [c.condition, c.ok]),
  };
}

describe('check threads', () => {
  let pool: CheckThreadPool;
  before(() => (pool = new CheckThreadPool({ threads: 1, egress: egressConfig, logger })));
  after(() => pool.close());

  const cases: { name: string; fields: () => Record<string, unknown>; managedBy?: 'api'; expect: RegExp | true }[] = [
    { name: 'http up', fields: () => ({ type: 'http', url: `${httpBase}/up` }), expect: true },
    { name: 'http down (503)', fields: () => ({ type: 'http', url: `${httpBase}/down` }), expect: /STATUS/ },
    {
      name: 'http timeout',
      fields: () => ({ type: 'http', url: `${httpBase}/slow`, timeout: '300ms' }),
      expect: /timeout after 300 ms/,
    },
    {
      name: 'http refused',
      fields: () => ({ type: 'http', url: `http://127.0.0.1:${refusedPort}/` }),
      expect: /ECONNREFUSED/,
    },
    { name: 'tcp up', fields: () => ({ type: 'tcp', host: '127.0.0.1', port: tcpPort }), expect: true },
    {
      name: 'tcp refused',
      fields: () => ({ type: 'tcp', host: '127.0.0.1', port: refusedPort }),
      expect: /ECONNREFUSED/,
    },
    {
      name: 'http denied by the egress policy (API monitor, private address)',
      fields: () => ({ type: 'http', url: `${httpBase}/up` }),
      managedBy: 'api',
      expect: /refused by the egress policy: 127\.0\.0\.1 is .*egress\.deny_private/,
    },
    {
      name: 'tcp denied by the egress policy (API monitor, private address)',
      fields: () => ({ type: 'tcp', host: '127.0.0.1', port: tcpPort }),
      managedBy: 'api',
      expect: /refused by the egress policy/,
    },
  ];
  for (const c of cases) {
    test(`${c.name}: the same result on a thread as in the main thread`, async () => {
      const m = monitor(c.fields(), c.managedBy);
      const inThread = await runCheck(m, deps());
      const onWorker = await runCheck(m, deps(pool));
      assert.deepEqual(outcome(onWorker), outcome(inThread));
      if (c.expect === true) assert.equal(onWorker?.ok, true, onWorker?.error);
      else assert.match(onWorker?.error ?? '', c.expect);
    });
  }

  test('a denied target is never connected to from the thread', async () => {
    const before = connections;
    const result = await runCheck(monitor({ type: 'http', url: `${httpBase}/up` }, 'api'), deps(pool));
    assert.match(result?.error ?? '', /refused by the egress policy/);
    assert.equal(connections, before);
  });

  test('many checks at once come back, each with its own result', async () => {
    const monitors = Array.from({ length: 200 }, (_, i) =>
      compileMonitor(monitorSchema.parse({ id: `m${i}`, type: 'http', url: `${httpBase}/up/${i}` }), []),
    );
    const results = await Promise.all(monitors.map((m) => runCheck(m, deps(pool))));
    results.forEach((r, i) => {
      assert.equal(r?.monitorId, `m${i}`);
      assert.equal(r?.probe?.body, `hello from /up/${i}`);
    });
  });

  test('a changed config is sent again; a monitor no longer scheduled is forgotten', async () => {
    const first = monitor({ type: 'http', url: `${httpBase}/up` });
    assert.equal((await runCheck(first, deps(pool)))?.ok, true);
    const changed = monitor({ type: 'http', url: `${httpBase}/down` });
    assert.equal((await runCheck(changed, deps(pool)))?.statusCode, 503);
    pool.retain(new Set());
    assert.equal((await runCheck(changed, deps(pool)))?.statusCode, 503, 'defined again on its next run');
  });

  test('shutdown aborts the checks in flight on the thread', async () => {
    const shutdown = new AbortController();
    const running = runCheck(
      monitor({ type: 'http', url: `${httpBase}/slow`, timeout: '10s' }),
      deps(pool, shutdown.signal),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    pool.abortAll('shutting down');
    const result = await running;
    assert.ok(Date.now() - started < 2000, 'ended at once, not at its timeout');
    assert.equal(result?.ok, false);
    assert.match(result?.error ?? '', /shutting down/);
  });
});

describe('a check thread that crashes', () => {
  test('its checks in flight fail with a clear error, and it is started again', async () => {
    let restarts = 0;
    const pool = new CheckThreadPool({ threads: 1, egress: egressConfig, logger, onRestart: () => (restarts += 1) });
    try {
      const slow = monitor({ type: 'http', url: `${httpBase}/slow`, timeout: '10s' });
      const running = runCheck(slow, deps(pool));
      await new Promise((resolve) => setTimeout(resolve, 300));
      pool.injectFault(0, 'crash');
      const result = await running;
      assert.equal(result?.ok, false);
      assert.match(result?.error ?? '', /^check worker stopped: crash requested by the main thread/);
      assert.equal(restarts, 1);
      assert.equal(pool.restarts, 1);
      // the new thread knows nothing yet: the monitor is defined again and checked
      const up = await runCheck(monitor({ type: 'http', url: `${httpBase}/up` }), deps(pool));
      assert.equal(up?.ok, true, up?.error);
    } finally {
      await pool.close();
    }
  });

  test('a thread that stops answering is stopped, its checks fail, and it is started again', async () => {
    let restarts = 0;
    const pool = new CheckThreadPool({
      threads: 1,
      egress: egressConfig,
      logger,
      answerGraceMs: 200,
      onRestart: () => (restarts += 1),
    });
    try {
      // its own timer would end this check at 300 ms, but the thread's event loop is blocked
      const slow = monitor({ type: 'http', url: `${httpBase}/slow`, timeout: '300ms' });
      const running = runCheck(slow, deps(pool));
      await new Promise((resolve) => setTimeout(resolve, 100));
      pool.injectFault(0, 'stall');
      const stuck = await running;
      assert.match(stuck?.error ?? '', /^check worker stopped: a check got no answer within its timeout \+ 200 ms/);
      assert.equal(restarts, 1);
      const up = await runCheck(monitor({ type: 'http', url: `${httpBase}/up` }), deps(pool));
      assert.equal(up?.ok, true, up?.error);
    } finally {
      await pool.close();
    }
  });

  test('after close, checks fail at once instead of starting a thread', async () => {
    const pool = new CheckThreadPool({ threads: 1, egress: egressConfig, logger });
    await pool.close();
    assert.equal(pool.runs('http'), false);
    const result = await runCheck(monitor({ type: 'http', url: `${httpBase}/up` }), deps(pool));
    assert.equal(result?.ok, true, 'ran in the main thread');
  });
});

describe('checkThreadCount', () => {
  const rows: [setting: 'auto' | number, cpus: number, threads: number][] = [
    ['auto', 1, 0],
    ['auto', 2, 1],
    ['auto', 16, 1],
    [0, 8, 0],
    [3, 2, 3],
  ];
  for (const [setting, cpus, threads] of rows)
    test(`${setting} on ${cpus} CPUs: ${threads}`, () => assert.equal(checkThreadCount(setting, cpus), threads));
});
