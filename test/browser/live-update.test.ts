import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { StatusModel } from '../../src/http/public/status-model.ts';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { waitFor } from '../support/wait-for.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';
import { startSiteServer, type SiteServer } from './support/site-server.ts';

/** The fixture after the open incident was resolved and every component recovered. */
function recovered(): StatusModel {
  const base = statusModelFixture();
  return {
    ...base,
    components: base.components.map((c) => ({ ...c, status: 'operational' })),
    incidents: base.incidents.map((i) => ({ ...i, status: 'resolved', resolvedAt: i.resolvedAt ?? base.builtAt })),
    maintenances: [],
  };
}

describe('live updates over the event stream', { skip: skipWithoutBrowser(), timeout: 60_000 }, () => {
  let browser: Browser;
  let server: SiteServer;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test(
    "a new ETag on the stream swaps in the new status within 2 s, without a reload, keeping the reader's place",
    { timeout: 30_000 },
    async () => {
      server = await startSiteServer(statusModelFixture(), 'etag-1');
      const page = await browser.newPage();
      try {
        await page.goto(server.url);
        assert.equal(await page.evaluate(() => document.documentElement.dataset['etag']), 'etag-1');
        await waitFor('the page to open the stream', () => server.streamClients() === 1, 5_000);
        await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same document'));
        // the reader closed a group, opened a chart on its 7-day view and focused a day
        await page.locator('#g-Frontend > summary').click();
        await page.locator('#rt-api > summary').click();
        await page.locator('#rt-api').getByRole('radio', { name: '7 d' }).check();
        await page.locator('#b-api > i >> nth=89').focus();

        // an event with the ETag the page already has changes nothing
        server.publish({ etag: 'etag-1' });
        server.setModel(recovered(), 'etag-2');
        server.publish({ etag: 'etag-2' });
        const started = Date.now();
        await page.locator('[role=status]', { hasText: 'All Systems Operational' }).waitFor({ timeout: 2_000 });
        assert.ok(Date.now() - started < 2_000);

        assert.equal(
          await page.evaluate(() => (window as unknown as { marker?: string }).marker),
          'same document',
          'no reload',
        );
        assert.equal(await page.evaluate(() => document.documentElement.dataset['etag']), 'etag-2');
        assert.equal(await page.locator('#active-title').count(), 0);
        assert.equal(await page.locator('.banner').getAttribute('data-indicator'), 'none');
        assert.equal(await page.locator('#g-Frontend').evaluate((d) => (d as HTMLDetailsElement).open), false);
        assert.equal(await page.locator('#rt-api').evaluate((d) => (d as HTMLDetailsElement).open), true);
        assert.equal(await page.locator('#rt-api .t7d').isChecked(), true);
        assert.equal(await page.evaluate(() => document.activeElement?.parentElement?.id), 'b-api');
        assert.equal(
          await page.locator('#b-api > i >> nth=0').getAttribute('role'),
          'button',
          'new content is enhanced again',
        );
        assert.doesNotMatch((await page.locator('.banner time').textContent()) ?? '', /^$/);
      } finally {
        await page.close();
        await server.close();
      }
    },
  );

  test('without EventSource the page polls', { timeout: 30_000 }, async () => {
    server = await startSiteServer(statusModelFixture(), 'etag-1');
    const context = await browser.newContext();
    await context.addInitScript(() => {
      delete (window as unknown as { EventSource?: unknown }).EventSource;
    });
    await context.clock.install();
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      server.setModel(recovered(), 'etag-2');
      await context.clock.runFor(61_000);
      await page.locator('[role=status]', { hasText: 'All Systems Operational' }).waitFor({ timeout: 5_000 });
      assert.equal(await page.evaluate(() => document.documentElement.dataset['etag']), 'etag-2');
    } finally {
      await context.close();
      await server.close();
    }
  });
});
