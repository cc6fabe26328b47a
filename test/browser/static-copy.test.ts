import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { defaultRenderers } from '../../src/http/public/default-renderers.ts';
import { buildPageMounts } from '../../src/http/public/page-mounts.ts';
import { PageSnapshot } from '../../src/http/public/page-snapshot.ts';
import { staticAssets } from '../../src/http/public/public-routes.ts';
import type { StatusModel } from '../../src/http/public/status-model.ts';
import type { StaticFile } from '../../src/publish/static-file.ts';
import { renderStaticSite } from '../../src/publish/static-site.ts';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';

/** The static copy of one model, as `pharos publish` writes it. */
function siteOf(model: StatusModel): Map<string, StaticFile> {
  const mounts = buildPageMounts({ title: 'Acme', server: { port: 0 }, pages: [], components: model.components });
  const page = new PageSnapshot(mounts.root.key, model, defaultRenderers);
  const files = renderStaticSite(
    { mounts, pages: new Map([[mounts.root.key, page]]), assets: staticAssets(defaultRenderers) },
    { historyMonths: 1 },
  );
  return new Map(files.map((f) => [f.path, f]));
}

function recovered(): StatusModel {
  const base = statusModelFixture();
  return {
    ...base,
    components: base.components.map((c) => ({ ...c, status: 'operational' })),
    incidents: base.incidents.map((i) => ({ ...i, status: 'resolved', resolvedAt: i.resolvedAt ?? base.builtAt })),
    maintenances: [],
  };
}

/** A static file server like S3 behind CloudFront: folders answer their index.html, anything else 404 (no stream). */
async function serveStatic(
  site: () => Map<string, StaticFile>,
): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\//, '');
    requests.push(path);
    const files = site();
    const file = files.get(path) ?? files.get(`${path}${path === '' || path.endsWith('/') ? '' : '/'}index.html`);
    if (!file)
      return void res
        .writeHead(404, { 'content-type': 'application/xml' })
        .end('<Error><Code>NoSuchKey</Code></Error>');
    res.writeHead(200, { 'content-type': file.contentType, 'cache-control': file.cacheControl }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

describe('the static copy in a browser', { skip: skipWithoutBrowser(), timeout: 60_000 }, () => {
  let browser: Browser;
  let site = siteOf(statusModelFixture());
  let served: Awaited<ReturnType<typeof serveStatic>>;
  before(async () => {
    browser = await launchBrowser();
    served = await serveStatic(() => site);
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => served?.server.close(resolve));
  });

  test('every page works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(served.url);
      const status = await page.locator('[role=status]').innerText();
      assert.ok(status.length > 0);
      for (const c of statusModelFixture().components)
        assert.ok(await page.getByText(c.name).first().isVisible(), c.name);
      const incident = statusModelFixture().incidents[0]!;
      await page.goto(`${served.url}/incidents/${incident.id}`);
      assert.ok(await page.getByText(incident.name).first().isVisible());
      await page.goto(`${served.url}/history`);
      assert.equal((await page.locator('main').count()) > 0, true);
    } finally {
      await context.close();
    }
  });

  test('without a live API the script keeps the page, reloads it at intervals and swaps in a republished status', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    try {
      site = siteOf(statusModelFixture());
      await page.goto(served.url);
      await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same document'));
      const before = await page.locator('[role=status]').innerText();
      assert.doesNotMatch(before, /All Systems Operational/);
      site = siteOf(recovered()); // a publish
      await page.locator('[role=status]', { hasText: 'All Systems Operational' }).waitFor({ timeout: 10_000 });
      assert.equal(await page.evaluate(() => (window as unknown as { marker?: string }).marker), 'same document');
      assert.ok(served.requests.includes('api/v2/stream'), 'the stream was tried');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
