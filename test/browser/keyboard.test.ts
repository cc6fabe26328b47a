import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { skipWithoutBrowser } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';
import { useBrowserAndSite } from './support/browser-and-site.ts';

/** Tab until a day cell of an uptime bar has focus; returns how many presses it took. */
async function tabToDayCell(page: Page, limit = 60): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.parentElement?.classList.contains('bar') ?? false)) return i;
  }
  throw new Error(`no day cell within ${limit} tabs`);
}

describe('uptime bar by keyboard', { skip: skipWithoutBrowser(), timeout: 60_000 }, () => {
  const site = useBrowserAndSite(statusModelFixture);

  test(
    "Tab reaches today's cell, its details show, arrows walk the days, Escape closes",
    { timeout: 30_000 },
    async () => {
      const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(site.server.url);
      await tabToDayCell(page);
      const focused = page.locator(':focus');
      assert.equal(await focused.getAttribute('role'), 'button');
      assert.match((await focused.getAttribute('aria-label')) ?? '', /^2026-11-25: \d+(\.\d+)? % uptime/);
      const tip = page.locator('#pharos-tip');
      assert.equal(await tip.isVisible(), true);
      assert.match((await tip.textContent()) ?? '', /Nov 25, 2026.*% uptime/);
      assert.equal(await focused.getAttribute('aria-describedby'), 'pharos-tip');

      await page.keyboard.press('ArrowLeft');
      assert.match((await page.locator(':focus').getAttribute('aria-label')) ?? '', /^2026-11-24: /);
      assert.equal(await page.locator('.bar >> nth=0 >> [tabindex="0"]').count(), 1, 'one tab stop per bar');
      await page.keyboard.press('Escape');
      assert.equal(await tip.isVisible(), false);
      await page.close();
    },
  );

  test('a day with an incident names it and Enter moves into the link', { timeout: 30_000 }, async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(site.server.url);
    await tabToDayCell(page);
    await page.keyboard.press('Home');
    let label = '';
    for (let i = 0; i < 90 && !label.includes('incident'); i++) {
      await page.keyboard.press('ArrowRight');
      label = (await page.locator(':focus').getAttribute('aria-label')) ?? '';
    }
    assert.match(label, /^2026-\d\d-\d\d: 98.61 % uptime, major outage, 1 incident$/);
    const tip = page.locator('#pharos-tip');
    assert.equal(await tip.locator('a').textContent(), 'Checkout is down');
    assert.equal(await tip.locator('a').getAttribute('href'), '/incidents/inc000000001');
    await page.screenshot({
      path: screenshotPath('tooltip-1280-light'),
      clip: await page.locator('.bar >> nth=0').evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { x: Math.max(0, r.x - 20), y: Math.max(0, r.y - 60), width: r.width + 40, height: 220 };
      }),
    });
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Checkout is down');
    await page.keyboard.press('Escape');
    assert.equal(await tip.isVisible(), false);
    assert.match(
      (await page.locator(':focus').getAttribute('aria-label')) ?? '',
      /1 incident$/,
      'focus returns to the day',
    );
    await page.close();
  });

  test('on a phone the bar shows the last 30 days and a tap shows the details', { timeout: 30_000 }, async () => {
    const context = await site.browser.newContext({
      viewport: { width: 375, height: 800 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(site.server.url);
    const cells = page.locator('.bar >> nth=0 >> i');
    assert.equal(await cells.nth(59).isVisible(), false);
    assert.equal(await cells.nth(60).isVisible(), true);
    await cells.nth(75).tap();
    assert.equal(await page.locator('#pharos-tip').isVisible(), true);
    const box = await page.locator('#pharos-tip').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, 'tooltip stays on screen');
    await context.close();
  });
});
