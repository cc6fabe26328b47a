import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { skipWithoutBrowser } from './support/browser.ts';
import { useBrowserAndSite } from './support/browser-and-site.ts';

/** The status page with "Subscribe to updates" (subscribers with email enabled): axe-clean, and usable by keyboard. */
describe('subscribe form', { skip: skipWithoutBrowser(), timeout: 120_000 }, () => {
  const site = useBrowserAndSite(() => {
    const model = statusModelFixture();
    return { ...model, page: { ...model.page, subscribe: true } };
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations with the form open, ${colorScheme}`, { timeout: 30_000 }, async () => {
      const page = await site.browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
      await page.goto(site.server.url);
      await page.locator('.sub > summary').click();
      await page.locator('#sub-email').focus();
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
      await page.close();
    });
  }

  test('keyboard: the summary opens the form; Tab skips the honeypot from the address to the checkboxes', async () => {
    const page = await site.browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(site.server.url);
    await page.locator('.sub > summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sub-email');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name), 'components');
    const focusedNames: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      focusedNames.push(
        await page.evaluate(() =>
          document.activeElement instanceof HTMLInputElement
            ? document.activeElement.name
            : document.activeElement?.tagName,
        ),
      );
    }
    assert.ok(!focusedNames.includes('website'), `the honeypot was focused: ${focusedNames.join(', ')}`);
    assert.ok(focusedNames.includes('BUTTON'), focusedNames.join(', '));
    await page.close();
  });
});
