import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../support/free-port.ts';
import { PharosProcess } from '../support/pharos-process.ts';
import { stopTestPostgres, testDatabaseUrl, withClient, type TestDatabase } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The guard against "many monitors, nothing checked": a real `pharos start --role worker` (PostgreSQL, so that the
 * lease rounds run) with 20,000 lone TCP monitors, each a lease unit of its own, against one listener on 127.0.0.1.
 * A worker: what is measured is the checking side (leases, scheduler, host limits, batch writer), not the public
 * snapshot a web replica rebuilds. Every monitor
 * must be checked and stored at least once, with no failed lease round. Before statements were chunked, every lease
 * round failed at this size and nothing was checked while /readyz said ready. Nothing here is about speed: the wait
 * is long, and only "each monitor at least once" counts.
 */
const MONITORS = 20_000;
/** The check fails when no more monitors got a stored result for this long (a stall), or after the overall wait. */
const STALL_MS = 30_000;
const WAIT_MS = 180_000;

describe(`scale smoke: ${MONITORS} lone monitors on one worker`, { timeout: 330_000 }, () => {
  let db: TestDatabase;
  let dir: string;
  let target: Server;
  let connections = 0;
  let pharos: PharosProcess;

  before(async () => {
    db = await testDatabaseUrl();
    dir = await mkdtemp(join(tmpdir(), 'pharos-scale-'));
    target = createServer((socket) => {
      connections += 1;
      socket.on('error', () => undefined);
      socket.end();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const port = (target.address() as AddressInfo).port;
    const lines = Array.from(
      { length: MONITORS },
      (_, i) => `  - { id: m${i}, type: tcp, host: 127.0.0.1, port: ${port}, interval: 5s, timeout: 5s }`,
    );
    const configFile = join(dir, 'pharos.yaml');
    await writeFile(
      configFile,
      `title: Scale smoke
storage: { url: "${db.url}" }
server: { host: 127.0.0.1, secret: scale-smoke-server-secret-0123456789abcdef }
admin: { setup_link: false }
metrics: { token: scale-smoke-metrics-token }
scheduler: { per_host_concurrency: 200 }
monitors:
${lines.join('\n')}
`,
    );
    pharos = new PharosProcess('scale', { configFile, role: 'worker', port: await freePort(), logDir: dir });
    await pharos.start(90_000);
  });

  after(async () => {
    await pharos?.dispose();
    await new Promise<void>((resolve) => (target ? target.close(() => resolve()) : resolve()));
    await db?.drop();
    await stopTestPostgres();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('every monitor is checked and stored at least once; no lease round fails; ready', async () => {
    const checked = () =>
      withClient(db.url, async (c) =>
        Number((await c.query<{ n: string }>('select count(distinct monitor_key) as n from results')).rows[0]?.n ?? 0),
      );
    // On a loaded CI machine the stored results can trail the checks: wait as long as they keep coming, and fail
    // on a stall (what the bug this guards against looked like: nothing checked, nothing stored) or a long overall wait.
    let last = 0;
    let progressAt = Date.now();
    await waitFor(
      'every monitor checked once',
      async () => {
        const now = await checked();
        if (now > last) progressAt = Date.now();
        last = now;
        if (Date.now() - progressAt > STALL_MS) throw new Error(`no new stored result for ${STALL_MS} ms`);
        return last === MONITORS;
      },
      WAIT_MS,
      2_000,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}: ${last} of ${MONITORS} monitors have a stored result, ${connections} connections reached the target\n${pharos.tail(20)}`,
      );
    });
    assert.ok(connections >= MONITORS, `${connections} connections for ${MONITORS} monitors`);

    const metrics = await (
      await fetch(`${pharos.url}/metrics`, { headers: { authorization: 'Bearer scale-smoke-metrics-token' } })
    ).text();
    assert.equal(sample(metrics, 'pharos_lease_round_failures_total'), 0);
    assert.equal(sample(metrics, 'pharos_catalog_monitors'), MONITORS);
    assert.equal(sample(metrics, 'pharos_monitors_owned'), MONITORS);
    assert.deepEqual(await pharos.logLines(/a lease round failed/), []);
    const ready = await fetch(`${pharos.url}/readyz`);
    assert.equal(ready.status, 200, await ready.text());
  });
});

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
