import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { skipWithoutBrowser } from './support/browser.ts';
import { largeStatusModel } from './support/large-status-model.ts';
import { screenshotPath } from './support/screenshots.ts';
import { useBrowserAndSite } from './support/browser-and-site.ts';
import { startSiteServer } from './support/site-server.ts';

describe('status page in Chromium', { skip: skipWithoutBrowser(), timeout: 60_000 }, () => {
  const site = useBrowserAndSite(statusModelFixture);

  test('renders every section and loads its assets without errors', { timeout: 30_000 }, async () => {
    const page = await site.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => errors.push(`failed ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(site.server.url);
    assert.equal(await page.locator('[role=status]').textContent(), 'Partially Degraded Service');
    assert.equal(await page.locator('#active-title + article h3').textContent(), 'Elevated API latency');
    assert.equal(await page.locator('.mnt').count(), 2);
    assert.equal(await page.locator('details[open] > summary h3').count(), 2);
    assert.equal(await page.locator('.bar').count(), 5);
    assert.equal(await page.locator('.bar >> nth=0 >> i').count(), 90);
    assert.equal(await page.locator('.rt').count(), 4);
    assert.equal(await page.locator('footer a[href="/history.atom"]').count(), 1);
    // pharos.js ran: bars are upgraded and CSS applied
    assert.equal(await page.locator('.bar >> nth=0 >> i >> nth=89').getAttribute('tabindex'), '0');
    assert.equal(await page.locator('.banner').evaluate((el) => getComputedStyle(el).color), 'rgb(255, 255, 255)');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("times are shown in the viewer's time zone", { timeout: 30_000 }, async () => {
    const context = await site.browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(site.server.url);
    const time = page.locator('.banner time');
    assert.equal(await time.getAttribute('datetime'), '2026-11-25T11:00Z');
    assert.match((await time.textContent()) ?? '', /Nov 25, 2026, 06:00 AM EST/);
    assert.equal(await time.getAttribute('title'), 'Nov 25, 2026, 11:00 UTC');
    await context.close();
  });

  test('response-time periods switch without JavaScript', { timeout: 30_000 }, async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.server.url);
    await page.locator('#rt-api > summary').click();
    const panel = page.locator('#rt-api');
    assert.equal(await panel.locator('.c24h').isVisible(), true);
    assert.equal(await panel.locator('.c7d').isVisible(), false);
    await panel.getByRole('radio', { name: '7 d' }).check();
    assert.equal(await panel.locator('.c7d').isVisible(), true);
    assert.equal(await panel.locator('.c24h').isVisible(), false);
    await panel.getByRole('radio', { name: '30 d' }).check();
    assert.equal(await panel.locator('.c30d').isVisible(), true);
    assert.equal(await panel.locator('.c7d').isVisible(), false);
    await context.close();
  });

  test('50 components × 90 days load and are enhanced quickly', { timeout: 30_000 }, async () => {
    const large = await startSiteServer(largeStatusModel(50));
    const page = await site.browser.newPage();
    try {
      const started = Date.now();
      await page.goto(large.url);
      assert.equal(await page.locator('.bar i[role=button]').count(), 4500);
      assert.ok(Date.now() - started < 5_000, `${Date.now() - started} ms`);
    } finally {
      await page.close();
      await large.close();
    }
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [375, 1280]) {
      test(`screenshot at ${width} px, ${colorScheme}`, { timeout: 30_000 }, async () => {
        const page = await site.browser.newPage({ viewport: { width, height: 900 }, colorScheme });
        await page.goto(site.server.url);
        await page.locator('#rt-website > summary').click();
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= width, `no horizontal scrolling (${scrollWidth} px)`);
        await page.screenshot({ path: screenshotPath(`status-${width}-${colorScheme}`), fullPage: true });
        await page.close();
      });
    }
  }

  test('screenshots of the history, incident and maintenance pages', { timeout: 30_000 }, async () => {
    for (const [name, path, width] of [
      ['history-1280-light', '/history?month=2026-11', 1280],
      ['incident-375-light', '/incidents/inc000000001', 375],
      ['maintenance-1280-dark', '/maintenance/db-upgrade', 1280],
    ] as const) {
      const page = await site.browser.newPage({
        viewport: { width, height: 800 },
        colorScheme: name.endsWith('dark') ? 'dark' : 'light',
      });
      await page.goto(site.server.origin + path);
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
      await page.close();
    }
  });
});
