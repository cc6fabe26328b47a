import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatusModel } from '../../src/http/public/status-model.ts';
import { XSS_VECTORS } from '../../src/web/markdown/xss-vectors.ts';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { skipWithoutBrowser } from './support/browser.ts';
import { useBrowserAndSite } from './support/browser-and-site.ts';

/** Every known vector as an update body, and the worst of them in every name the page shows. */
function hostileModel(): StatusModel {
  const base = statusModelFixture();
  const [open, resolved] = base.incidents;
  const evil = '<img src=x onerror=alert(1)><script>alert(1)</script>';
  return {
    ...base,
    page: {
      ...base.page,
      name: `Acme ${evil}`,
      description: evil,
      footer: [{ label: evil, url: 'javascript:alert(1)' }],
    },
    components: base.components.map((c) => ({
      ...c,
      name: `${c.name} ${evil}`,
      group: c.group && `${c.group} ${evil}`,
    })),
    incidents: [
      {
        ...open!,
        name: `${open!.name} ${evil}`,
        updates: XSS_VECTORS.map((body, k) => ({
          ...open!.updates[0]!,
          id: `x${k}`,
          body,
          createdAt: open!.createdAt + k,
        })),
      },
      { ...resolved!, name: `${resolved!.name} ${evil}` },
    ],
    maintenances: base.maintenances.map((w) => ({ ...w, title: `${w.title} ${evil}`, body: XSS_VECTORS.join('\n\n') })),
  };
}

describe('hostile content in a real browser', { skip: skipWithoutBrowser(), timeout: 60_000 }, () => {
  const site = useBrowserAndSite(hostileModel);

  for (const path of ['/', '/incidents/inc000000002', '/maintenance/db-upgrade', '/history?month=2026-11']) {
    test(`nothing runs on ${path}`, { timeout: 30_000 }, async () => {
      const page = await site.browser.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('request', (r) => {
        if (!r.url().startsWith(site.server.origin)) requests.push(r.url());
      });
      await page.goto(site.server.origin + path);
      // hover and focus everything that could carry a handler
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('main *')) {
          el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
          el.dispatchEvent(new FocusEvent('focus'));
        }
      });
      await page.waitForTimeout(200);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(requests, [], 'no request leaves the site');
      const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src || s.type));
      assert.ok(
        scripts.every((s) => /\/assets\/pharos\.[0-9a-f]{12}\.js$/.test(s) || s === 'application/json'),
        scripts.join(', '),
      );
      assert.equal(
        await page
          .locator('main iframe, main img, main svg:not(.chart svg), main object, main embed, main form')
          .count(),
        0,
      );
      const hrefs = await page.evaluate(() =>
        [...document.querySelectorAll('main a[href]')].map((a) => (a as HTMLAnchorElement).protocol),
      );
      assert.ok(
        hrefs.every((p) => p === 'http:' || p === 'https:' || p === 'mailto:'),
        hrefs.join(', '),
      );
      await page.close();
    });
  }
});
