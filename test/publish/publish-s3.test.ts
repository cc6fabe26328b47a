import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { Manifest } from '../../src/publish/manifest.ts';
import { s3Target } from '../../src/publish/s3-target.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { adminToken } from '../support/admin-token.ts';
import { TEST_AWS_CREDENTIALS } from '../support/aws-sigv4-check.ts';
import { startS3TestServer, type S3TestServer } from '../support/s3-test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const BUCKET = 'acme-status';
const REGION = 'eu-west-1';

/** publish: to an S3-compatible server of the test's own, which checks every request's SigV4 signature. */
describe('publish: a static copy kept current in S3', () => {
  let dir: string;
  let s3: S3TestServer;
  let pharos: RunningPharos;
  let token: string;
  const env = { ...process.env };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-publish-'));
    s3 = await startS3TestServer({ bucket: BUCKET, region: REGION });
    // the standard AWS chain: the environment's credentials
    process.env.AWS_ACCESS_KEY_ID = TEST_AWS_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_AWS_CREDENTIALS.secretAccessKey;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    // a leftover of an earlier publish that the site no longer has, and a file outside the prefix
    s3.objects.set('site/incidents/gone/index.html', {
      body: Buffer.from('old'),
      contentType: 'text/html',
      cacheControl: undefined,
      etag: '"x"',
    });
    s3.objects.set('other/keep.txt', {
      body: Buffer.from('keep'),
      contentType: 'text/plain',
      cacheControl: undefined,
      etag: '"y"',
    });
    const config = parseConfigText(
      `
title: Acme
storage: { url: "sqlite:${join(dir, 'p.db')}" }
components:
  - { id: web, name: Website }
  - { id: db, name: Database }
  - { id: vault, name: Vault }
pages:
  - { slug: main, title: Acme Status, default: true }
  - { slug: ops, title: Acme Ops, components: [vault], access: { ip_allow: [10.0.0.0/8] } }
publish:
  debounce: 50ms
  retry_delay: 200ms
  targets:
    - { type: s3, bucket: ${BUCKET}, prefix: site, region: ${REGION}, endpoint: "${s3.url}" }
`,
      'publish.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
    token = await adminToken(pharos, config, 'publish-test');
  });
  after(async () => {
    await pharos?.close();
    await s3?.close();
    process.env = env;
    await rm(dir, { recursive: true, force: true });
  });

  const published = () => pharos.publisher!.targets[0]!;
  const text = (key: string) => s3.objects.get(key)?.body.toString('utf8');

  test('the first publish writes every page, JSON, feed, badge and widget with its type and cache policy', async () => {
    await waitFor('the first publish', () => published().publishes >= 1, 15_000);
    assert.deepEqual(s3.refused, [], 'every request correctly signed');
    const index = s3.objects.get('site/index.html')!;
    assert.equal(index.contentType, 'text/html; charset=utf-8');
    assert.equal(index.cacheControl, 'public, max-age=10, stale-while-revalidate=30');
    assert.match(index.body.toString(), /Acme Status/);
    assert.match(index.body.toString(), /<script[^>]+src="\/assets\/pharos\.[0-9a-f]+\.js"/);
    const summary = JSON.parse(text('site/api/v2/summary.json')!);
    assert.deepEqual(
      summary.components.map((c: { name: string }) => c.name),
      ['Website', 'Database'],
    );
    assert.equal(s3.objects.get('site/api/v2/summary.json')!.contentType, 'application/json; charset=utf-8');
    assert.equal(s3.objects.get('site/history.rss')!.contentType, 'application/rss+xml; charset=utf-8');
    assert.equal(s3.objects.get('site/badge/web/status.svg')!.contentType, 'image/svg+xml; charset=utf-8');
    assert.equal(s3.objects.get('site/widget.js')!.contentType, 'text/javascript; charset=utf-8');
    assert.ok(s3.objects.has('site/widget/index.html'));
    assert.ok(s3.objects.has('site/history/index.html'));
    assert.ok(s3.objects.has('site/main/index.html'), 'the /main page');
    const css = [...s3.objects.keys()].find((k) => /^site\/assets\/pharos\.[0-9a-f]+\.css$/.test(k))!;
    assert.equal(s3.objects.get(css)!.cacheControl, 'public, max-age=31536000, immutable');
    // a private page never leaves the server
    assert.equal([...s3.objects.keys()].filter((k) => k.startsWith('site/ops/')).length, 0);
    assert.doesNotMatch(text('site/index.html')!, /Acme Ops/);
    // the leftover is deleted, what is outside the prefix is not
    assert.equal(s3.objects.has('site/incidents/gone/index.html'), false);
    assert.equal(s3.objects.has('other/keep.txt'), true);
    // a page also answers at its folder's keys: what CloudFront asks the bucket for when it falls back to it
    assert.equal(text('site/'), text('site/index.html'));
    assert.equal(text('site/main'), text('site/main/index.html'));
    assert.equal(s3.objects.get('site/main/')!.contentType, 'text/html; charset=utf-8');
    assert.equal(text('site/history'), text('site/history/index.html'));
    const manifest = JSON.parse(text('site/manifest.json')!) as Manifest;
    const keys = [...s3.objects.keys()].filter(
      (k) =>
        k.startsWith('site/') && k !== 'site/manifest.json' && !k.endsWith('/') && !s3.objects.has(`${k}/index.html`),
    );
    assert.deepEqual(
      Object.keys(manifest.files)
        .map((p) => `site/${p}`)
        .sort(),
      keys.sort(),
    );
    assert.equal(s3.operations.at(-1), 'PutObject site/manifest.json', 'the manifest last');
  });

  test('an incident changes only the files that show it, within seconds', async () => {
    await waitFor('the first publish', () => published().publishes >= 1, 15_000);
    const before = new Map([...s3.objects].map(([k, o]) => [k, o.etag]));
    const publishesBefore = published().publishes;
    s3.operations.length = 0;
    const started = Date.now();
    const res = await fetch(`${pharos.url}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Database slow',
        impact: 'minor',
        body: 'Queries take long.',
        components: [{ id: 'db', status: 'degraded_performance' }],
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    await waitFor(
      'the incident published',
      () =>
        s3.objects.has(`site/incidents/${id}/index.html`) &&
        s3.objects.get('site/badge/db/status.svg')?.etag !== before.get('site/badge/db/status.svg') &&
        published().publishes > publishesBefore,
      10_000,
      10,
    );
    const latencyMs = Date.now() - started;
    assert.ok(latencyMs < 5_000, `published ${latencyMs} ms after the change`);
    assert.deepEqual(s3.refused, []);
    const put = [
      ...new Set(s3.operations.filter((o) => o.startsWith('PutObject ')).map((o) => o.slice('PutObject site/'.length))),
    ];
    const changed = [...s3.objects]
      .filter(([k, o]) => k.startsWith('site/') && before.get(k) !== o.etag)
      .map(([k]) => k.slice('site/'.length));
    assert.ok(put.includes(`incidents/${id}`) && put.includes(`incidents/${id}/`), 'the permalink at its folder keys');
    assert.deepEqual(put.sort(), changed.sort(), 'only changed files are put');
    // what shows the incident or the database's status changed…
    for (const path of [
      'index.html',
      'api/v2/summary.json',
      'api/v2/incidents.json',
      'api/v2/incidents/unresolved.json',
      'badge/db/status.svg',
      `incidents/${id}/index.html`,
      'manifest.json',
    ])
      assert.ok(put.includes(path), `${path} republished`);
    assert.match(text('site/index.html')!, /Database slow/);
    // …and what does not, did not
    for (const path of ['badge/web/status.svg', 'badge/web/uptime.svg', 'history/2026-01/index.html'])
      assert.ok(!put.includes(path), `${path} untouched`);
    assert.ok(!put.some((p) => p.startsWith('assets/')), 'assets untouched');
    const files = Object.keys((JSON.parse(text('site/manifest.json')!) as Manifest).files);
    const filesPut = put.filter((p) => files.includes(p));
    assert.ok(filesPut.length < files.length / 2, `${filesPut.length} of ${files.length} files put`);
  });

  test('an outage of the bucket is retried, shown on /readyz and /metrics, and never touches the live page', async () => {
    await waitFor('the first publish', () => published().publishes >= 1, 15_000);
    s3.failing = true;
    try {
      const failuresBefore = published().failures;
      const res = await fetch(`${pharos.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Website flaky', components: [{ id: 'web', status: 'partial_outage' }] }),
      });
      assert.equal(res.status, 201);
      // the live page shows the change (its rebuild does not wait for the bucket), and publishing it fails
      await waitFor(
        'the live page to show the incident',
        async () => /Website flaky/.test(await (await fetch(`${pharos.url}/`)).text()),
        10_000,
      );
      await waitFor('two more failed publishes', () => published().failures >= failuresBefore + 2, 15_000);
      const ready = await fetch(`${pharos.url}/readyz`);
      const body = (await ready.json()) as { checks: Record<string, string> };
      assert.equal(ready.status, 503);
      assert.match(body.checks.publish!, /s3:\/\/acme-status\/site .*failing since/);
      assert.equal((await fetch(`${pharos.url}/readyz/serving`)).status, 200, 'the replica still takes traffic');
      const metrics = await pharos.metrics!.registry.metrics();
      assert.match(metrics, /pharos_publish_failures_total\{target="s3:\/\/acme-status\/site"\} [1-9]/);
      assert.match(metrics, /pharos_publish_failing\{target="s3:\/\/acme-status\/site"\} 1/);
      const page = await fetch(`${pharos.url}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Website flaky/);
    } finally {
      s3.failing = false;
    }
    await waitFor('the retry', () => /Website flaky/.test(text('site/index.html') ?? ''), 15_000);
    await waitFor('publishing to recover', () => pharos.publisher!.problem() === null, 5_000);
    assert.equal((await fetch(`${pharos.url}/readyz`)).status, 200);
  });

  test('the server refuses a request signed with another secret (the signature check can fail)', async () => {
    const wrong = s3Target(
      { type: 's3', bucket: BUCKET, prefix: 'site', region: REGION, endpoint: s3.url },
      { credentials: { accessKeyId: TEST_AWS_CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' } },
    );
    const refusedBefore = s3.refused.length;
    await assert.rejects(wrong.current(), /SignatureDoesNotMatch|signature does not match/i);
    assert.equal(s3.refused.length, refusedBefore + 1);
    assert.equal(s3.refused.at(-1), 'signature does not match');
  });
});
