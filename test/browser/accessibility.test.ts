import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';
import { startSiteServer, type SiteServer } from './support/site-server.ts';

const PAGES = [
  ['status page', '/'],
  ['history page', '/history?month=2026-11'],
  ['empty history month', '/history?month=2026-10'],
  ['incident page', '/incidents/inc000000002'],
  ['maintenance page', '/maintenance/db-upgrade'],
] as const;

describe('axe-core finds no violations', { skip: skipWithoutBrowser(), timeout: 120_000 }, () => {
  let browser: Browser;
  let server: SiteServer;
  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startSiteServer(statusModelFixture())]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, path] of PAGES) {
      test(`${name}, ${colorScheme}`, { timeout: 30_000 }, async () => {
        const page = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
        await page.goto(server.origin + path);
        // open everything the reader can open, so that hidden content is checked too
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, describeViolations(violations));
        await page.close();
      });
    }
  }

  test('status page with a day tooltip open, dark, on a phone', { timeout: 30_000 }, async () => {
    const page = await browser.newPage({ colorScheme: 'dark', viewport: { width: 375, height: 800 } });
    await page.goto(server.url);
    await page.locator('.bar >> nth=0 >> i >> nth=89').focus();
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await page.close();
  });
});
