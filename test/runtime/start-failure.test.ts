import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos } from '../../src/runtime/start-pharos.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-start-failure-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** What keeps this process alive, by kind. */
function openResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** What is open now beyond what was open before. */
function openedSince(before: Map<string, number>): string[] {
  return [...openResources()]
    .filter(([kind, n]) => n > (before.get(kind) ?? 0))
    .map(([kind, n]) => `${kind} × ${n - (before.get(kind) ?? 0)}`);
}

test('a port in use: startPharos rejects and closes what it had opened (the store and its checkpoint thread, the pages)', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as AddressInfo).port;
  const before = openResources();
  try {
    const config = parseConfigText(
      `
title: Busy
storage: { url: "sqlite:${join(dir, 'busy.db')}" }
server: { host: 127.0.0.1, port: ${port} }
monitors:
  - { id: api, type: tcp, host: 127.0.0.1, port: ${port}, interval: 1s }
components:
  - { id: web, name: Website, monitors: [api] }
`,
      'busy.yaml',
      {},
    );
    await assert.rejects(
      startPharos({ config, logger: createLogger('silent') }),
      (err: NodeJS.ErrnoException) => err.code === 'EADDRINUSE',
    );
    // closing a worker thread ends a moment after its promise: give the loop a few turns
    for (let i = 0; i < 50 && openedSince(before).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(openedSince(before), []);
    // the store was closed: the last connection to close (the main one, after the checkpoint thread's) takes the log away
    assert.equal(existsSync(join(dir, 'busy.db-wal')), false, 'the SQLite write-ahead log is gone');
  } finally {
    busy.close();
  }
});
