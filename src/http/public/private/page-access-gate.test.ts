import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { configSchema } from '../../../config/schema.ts';
import { openStore } from '../../../store/open-store.ts';
import { createPageAccessGate } from './page-access-gate.ts';

const baseUrl = { https: false, href: 'http://localhost:3000' };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

test('without server.secret, every gate on one database signs with the same key (replicas, restarts); with it, that secret', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pharos-gate-'));
  const url = `sqlite:${join(dir, 'pharos.db')}`;
  const store = await openStore(url, { logger: quiet });
  await store.migrate();
  const other = await openStore(url, { logger: quiet });
  try {
    const now = () => 1_000;
    const config = configSchema.parse({});
    const a = await createPageAccessGate(config, { store, now, baseUrl });
    const b = await createPageAccessGate(config, { store: other, now, baseUrl });
    const token = a.signer.sign('page', { s: 'partners' }, 10_000);
    assert.equal(
      b.signer.read('page', token, 2_000)?.s,
      'partners',
      'a cookie signed by one replica opens the page on another',
    );

    const own = await createPageAccessGate(configSchema.parse({ server: { secret: 'x'.repeat(32) } }), {
      store,
      now,
      baseUrl,
    });
    assert.equal(own.signer.read('page', token, 2_000), undefined, 'a configured secret is a different key');
  } finally {
    await other.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
