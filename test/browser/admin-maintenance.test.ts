import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { waitFor } from '../support/wait-for.ts';
import { collectPageErrors, signIn, startAdminPharos, type AdminPharos } from './support/admin-pharos.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';

/** "2026-11-25T10:00:03" in UTC: what a datetime-local field holds, read in the maintenance's time zone. */
const utcWallClock = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

describe('admin UI: maintenance scheduled in the browser', { skip: skipWithoutBrowser(), timeout: 90_000 }, () => {
  let browser: Browser;
  let site: AdminPharos;

  before(async () => {
    browser = await launchBrowser();
    site = await startAdminPharos(`components:\n  - { id: api, name: Public API }\n  - { id: web, name: Website }\n`);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  async function publicStatus(name: string): Promise<string | undefined> {
    const res = await fetch(`${site.url}/api/v2/components.json`);
    if (!res.ok) return undefined;
    const body = (await res.json()) as { components: { name: string; status: string }[] };
    return body.components.find((c) => c.name === name)?.status;
  }

  test(
    'a window starting in ~3 s puts one component under maintenance and gives it back',
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, site.url);
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Maintenance' }).click();
      await page.waitForURL((u) => u.pathname === '/admin/maintenance');
      await page.getByLabel('Public API').waitFor();

      // a wrong recurrence is reported on its field before anything is saved
      await page.getByLabel('Title').fill('Database upgrade');
      assert.match(await page.getByLabel(/^Id\b/).inputValue(), /^database-upgrade-\d{8}$/);
      const start = Date.now() + 3000;
      await page.getByLabel('Start').fill(utcWallClock(start));
      await page.getByLabel(/^End\b/).fill(utcWallClock(start + 3000));
      await page.getByLabel('Time zone').selectOption('UTC');
      await page.getByLabel('Public API').check();
      await page.getByLabel('RRULE').check();
      await page.getByLabel('Rule', { exact: true }).fill('FREQ=SOMETIMES');
      await page.getByRole('button', { name: 'Schedule' }).click();
      await page.locator('#f-recurrence-rule[aria-invalid="true"]').waitFor({ timeout: 5000 });
      assert.match(await page.locator('#f-recurrence-rule-error').innerText(), /RRULE/i);

      // once, then: the window is scheduled for real
      await page.getByLabel('Once').check();
      const startAt = Date.now() + 3000;
      await page.getByLabel('Start').fill(utcWallClock(startAt));
      await page.getByLabel(/^End\b/).fill(utcWallClock(startAt + 3000));
      await page.getByRole('button', { name: 'Schedule' }).click();
      await page.locator('#maintenances', { hasText: 'Database upgrade' }).waitFor({ timeout: 5000 });
      assert.equal((await site.pharos.store.admin.listCatalog('maintenance')).length, 1);

      await waitFor(
        'Public API under maintenance on the public JSON',
        async () => (await publicStatus('Public API')) === 'under_maintenance',
        10_000,
        100,
      );
      assert.equal(await publicStatus('Website'), 'operational', 'only the chosen component');
      await waitFor(
        'Public API operational again',
        async () => (await publicStatus('Public API')) === 'operational',
        10_000,
        100,
      );
      assert.deepEqual(errors, []);
      await page.close();
    },
  );
});
