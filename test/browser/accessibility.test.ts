import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { skipWithoutBrowser } from './support/browser.ts';
import { useBrowserAndSite } from './support/browser-and-site.ts';

const PAGES = [
  ['status page', '/'],
  ['history page', '/history?month=2026-11'],
  ['empty history month', '/history?month=2026-10'],
  ['incident page', '/incidents/inc000000002'],
  ['maintenance page', '/maintenance/db-upgrade'],
] as const;

describe('axe-core finds no violations', { skip: skipWithoutBrowser(), timeout: 120_000 }, () => {
  const site = useBrowserAndSite(statusModelFixture);

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, path] of PAGES) {
      test(`${name}, ${colorScheme}`, { timeout: 30_000 }, async () => {
        const page = await site.browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
        await page.goto(site.server.origin + path);
        // open everything the reader can open, so that hidden content is checked too
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, describeViolations(violations));
        await page.close();
      });
    }
  }

  test('status page with a day tooltip open, dark, on a phone', { timeout: 30_000 }, async () => {
    const page = await site.browser.newPage({ colorScheme: 'dark', viewport: { width: 375, height: 800 } });
    await page.goto(site.server.url);
    await page.locator('.bar >> nth=0 >> i >> nth=89').focus();
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await page.close();
  });
});
