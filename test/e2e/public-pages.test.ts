import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { waitFor } from '../support/wait-for.ts';

/** A GET with any Host header (fetch() does not let a test set it). */
function get(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('public pages through the real server', () => {
  let dir: string;
  let pharos: RunningPharos;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-pages-'));
    const config = parseConfigText(
      `
title: Acme
storage: { url: "sqlite:${join(dir, 'p.db')}" }
components:
  - { id: web, name: Website, group: Frontend, monitors: [web-check] }
  - { id: db, name: Database, group: Backend, monitors: [db-check] }
monitors:
  - { id: web-check, type: tcp, host: 127.0.0.1, port: 1, interval: 1s, timeout: 200ms, failure_threshold: 1 }
  - { id: db-check, type: tcp, host: 10.255.255.1, port: 5432, interval: 1h, public: { hide_url: true, hide_errors: true } }
pages:
  - { slug: main, title: Acme Status, default: true, public: { hide_errors: false } }
  - { slug: internal, title: Acme Internal, groups: [Backend], domains: [internal.acme.test], colors: { brand: "#ff0000" } }
`,
      'pages.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  });
  after(async () => {
    await pharos?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('/ is the default page; /<slug> the others; the Host header picks a page by domain', async () => {
    const root = JSON.parse((await get(pharos.url, '/api/v2/components.json')).body.toString());
    assert.equal(root.page.name, 'Acme Status');
    assert.deepEqual(
      root.components.filter((c: { group: boolean }) => !c.group).map((c: { id: string }) => c.id),
      ['web', 'db'],
    );
    const internal = JSON.parse((await get(pharos.url, '/internal/api/v2/components.json')).body.toString());
    assert.equal(internal.page.name, 'Acme Internal');
    assert.deepEqual(
      internal.components.filter((c: { group: boolean }) => !c.group).map((c: { id: string }) => c.id),
      ['db'],
    );
    const byHost = JSON.parse(
      (await get(pharos.url, '/api/v2/components.json', { host: 'internal.acme.test' })).body.toString(),
    );
    assert.equal(byHost.page.name, 'Acme Internal');
    const html = (await get(pharos.url, '/internal/')).body.toString();
    assert.match(html, /Acme Internal/);
    assert.match(html, /href="\/internal\/history"/);
  });

  test('every public path answers with the right type; unknown ones 404; bad input 400', async () => {
    const rows: [string, number, RegExp][] = [
      ['/', 200, /text\/html/],
      ['/api/v2/summary.json', 200, /application\/json/],
      ['/api/v2/status.json', 200, /application\/json/],
      ['/api/v2/incidents/unresolved.json', 200, /application\/json/],
      ['/api/v2/scheduled-maintenances/upcoming.json', 200, /application\/json/],
      ['/history', 200, /text\/html/],
      ['/history?month=2026-01', 200, /text\/html/],
      ['/history?month=2026-13', 400, /application\/json/],
      ['/history.rss', 200, /application\/rss\+xml/],
      ['/history.atom', 200, /application\/atom\+xml/],
      ['/badge/web/status.svg', 200, /image\/svg\+xml/],
      ['/badge/web/uptime.svg?period=7d', 200, /image\/svg\+xml/],
      ['/badge/nope/status.svg', 404, /application\/json/],
      ['/widget.js', 200, /javascript/],
      ['/widget', 200, /text\/html/],
      ['/incidents/doesnotexist', 404, /application\/json/],
      ['/nothing/here', 404, /application\/json/],
    ];
    for (const [path, status, type] of rows) {
      const res = await get(pharos.url, path);
      assert.equal(res.status, status, path);
      assert.match(String(res.headers['content-type']), type, path);
    }
  });

  test('bytes come with an ETag (304 when unchanged), brotli or gzip by Accept-Encoding, CDN-friendly caching', async () => {
    const first = await get(pharos.url, '/api/v2/summary.json', { 'accept-encoding': 'br' });
    assert.equal(first.headers['content-encoding'], 'br');
    assert.ok(JSON.parse(brotliDecompressSync(first.body).toString()).page);
    assert.match(String(first.headers['cache-control']), /max-age=\d+, stale-while-revalidate=\d+/);
    const again = await get(pharos.url, '/api/v2/summary.json', { 'if-none-match': String(first.headers.etag) });
    assert.ok(again.status === 304 || again.headers.etag !== first.headers.etag);
    const gz = await get(pharos.url, '/', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    const html = (await get(pharos.url, '/')).body.toString();
    const css = /href="(\/assets\/pharos\.[0-9a-f]+\.css)"/.exec(html)![1]!;
    const asset = await get(pharos.url, css);
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers['cache-control']), /immutable/);
  });

  test("hide_url and hide_errors keep a monitor's target and error text off a page that shows errors", async () => {
    await waitFor('web-check down', () => pharos.board.stateOf('web-check').status === 'down', 5000);
    await pharos.writer.flush();
    await pharos.snapshot.rebuild();
    const model = pharos.snapshot.pages.get(pharos.snapshot.mounts.root.key)!.model;
    const db = model.monitors.find((m) => m.id === 'db-check')!;
    assert.equal(db.target, null);
    assert.equal(db.lastError, null);
    const web = model.monitors.find((m) => m.id === 'web-check')!;
    assert.equal(web.target, '127.0.0.1:1');
    assert.ok(web.lastError);
    const internal = pharos.snapshot.pages.get(pharos.snapshot.mounts.bySlug.get('internal')!.key)!.model;
    assert.ok(
      internal.monitors.every((m) => m.lastError === null),
      'a page hides errors unless it opts in',
    );
    for (const path of ['/', '/api/v2/summary.json', '/history.rss'])
      assert.doesNotMatch((await get(pharos.url, path)).body.toString(), /10\.255\.255\.1/, path);
  });

  test('query strings neither defeat the snapshot nor grow its caches', async () => {
    const root = pharos.snapshot.pages.get(pharos.snapshot.mounts.root.key)!;
    for (let i = 0; i < 300; i++)
      await get(pharos.url, `/history?month=${String(2000 + (i % 100)).padStart(4, '0')}-0${(i % 9) + 1}&x=${i}`);
    for (let i = 0; i < 100; i++) await get(pharos.url, `/badge/web/uptime.svg?period=${i}`);
    const size = (root as unknown as { lazy: { size: number } }).lazy.size;
    assert.ok(size <= 256, `cache holds ${size}`);
    const a = await get(pharos.url, '/?utm_source=a');
    const b = await get(pharos.url, '/?utm_source=b');
    assert.equal(a.headers.etag, b.headers.etag);
  });
});
