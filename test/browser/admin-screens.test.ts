import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { collectPageErrors, signIn, startAdminPharos, type AdminPharos } from './support/admin-pharos.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';

describe('admin UI: the other screens against a real Pharos', { skip: skipWithoutBrowser(), timeout: 120_000 }, () => {
  let browser: Browser;
  let site: AdminPharos;
  let target: SwitchableTarget;
  let page: Page;
  let errors: string[];

  before(async () => {
    browser = await launchBrowser();
    target = await startSwitchableTarget();
    site = await startAdminPharos(`egress: { deny_private: false }\ncomponents:\n  - { id: api, name: Public API }\n`);
    page = await browser.newPage();
    errors = collectPageErrors(page);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, site.url);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await target?.close();
  });

  test('monitor editor: test now, create, run now, pause, resume, delete', { timeout: 40_000 }, async () => {
    await page.goto(`${site.url}/admin/monitors/new`);
    await page.locator('[data-me-name]:not(:empty)').waitFor();
    await page.getByLabel(/^Id\b/).fill('shop');
    await page.getByLabel('Name', { exact: true }).fill('Shop');
    await page.getByLabel('URL', { exact: true }).fill(`${target.url}/health`);
    await page.getByRole('button', { name: 'Test now' }).click();
    await page.locator('#result-json', { hasText: '"ok": true' }).waitFor({ timeout: 10_000 });
    // the tcp fields appear for a tcp check; a missing port is marked on its field
    await page.getByLabel('Check type').selectOption('tcp');
    await page.locator('#f-host').fill('127.0.0.1');
    await page.getByRole('button', { name: 'Test now' }).click();
    await page.locator('#f-port[aria-invalid="true"]').waitFor({ timeout: 5000 });
    await page.getByLabel('Check type').selectOption('http');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/monitors/shop', { timeout: 10_000 });
    await page.locator('#monitor-pause:visible').waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.locator('#result-h', { hasText: 'Run now' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('#monitor-resume:visible').waitFor();
    assert.equal(
      ((await site.pharos.store.admin.getCatalog('monitor', 'shop'))?.config as { enabled: boolean }).enabled,
      false,
    );
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('#monitor-pause:visible').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Shop front');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#announcer', { hasText: 'Monitor saved.' }).waitFor({ timeout: 5000 });
    await page.goto(`${site.url}/admin`);
    await page.locator('#overview tr[data-monitor="shop"]', { hasText: 'Shop front' }).waitFor();
    await page.goto(`${site.url}/admin/monitors/shop`);
    await page.locator('#monitor-pause:visible').waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL((u) => u.pathname === '/admin');
    assert.equal(await site.pharos.store.admin.getCatalog('monitor', 'shop'), undefined);
  });

  test('components: set and clear a manual status', async () => {
    await page.goto(`${site.url}/admin/components`);
    await page.getByLabel('Manual status').selectOption('major_outage');
    await page.getByRole('button', { name: 'Set status of Public API' }).click();
    await page.getByRole('button', { name: 'Clear the manual status of Public API' }).waitFor();
    assert.equal((await site.pharos.store.admin.listComponentOverrides()).length, 1);
    await page.getByRole('button', { name: 'Clear the manual status of Public API' }).click();
    await page.locator('#components', { hasText: 'No manual status' }).waitFor();
  });

  test(
    'users, tokens (secret once, revoke), audit filters, reports, account two-factor enrolment',
    { timeout: 40_000 },
    async () => {
      await page.goto(`${site.url}/admin/users`);
      await page.getByLabel('Email').fill('eddie@example.test');
      await page.getByLabel('Role', { exact: true }).selectOption('editor');
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.locator('#users', { hasText: 'eddie@example.test' }).waitFor();

      await page.goto(`${site.url}/admin/tokens`);
      await page.getByLabel('Name').fill('deploy pipeline');
      await page.getByRole('button', { name: 'Create token' }).click();
      await page.locator('#token-secret:not([hidden])').waitFor();
      const secret = await page.locator('#token-secret-value').innerText();
      const me = await fetch(`${site.url}/api/v1/monitor-overview`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(me.status, 200, 'the shown secret works');
      await page.getByRole('button', { name: 'Revoke token deploy pipeline' }).click();
      await page.locator('#tokens', { hasText: 'No tokens' }).waitFor();

      await page.goto(`${site.url}/admin/audit`);
      await page.locator('#audit tbody tr', { hasText: 'user.create' }).first().waitFor();
      await page.getByLabel('Action').fill('token.create');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.locator('#announcer', { hasText: 'entries shown' }).waitFor();
      const actions = await page.locator('#audit tbody td:nth-child(3)').allInnerTexts();
      assert.ok(actions.length > 0 && actions.every((a) => a === 'token.create'), actions.join(','));

      await page.goto(`${site.url}/admin/reports`);
      await page.getByRole('button', { name: 'Show report' }).click();
      await page.locator('#report tbody', { hasText: 'Public API' }).waitFor();
      const href = await page.locator('#report-csv').getAttribute('href');
      const csv = await page.evaluate(async (u) => (await fetch(u!)).text(), href);
      assert.match(csv, /Public API/);

      await page.goto(`${site.url}/admin/account`);
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      await page.locator('#totp-uri[href^="otpauth://"]').waitFor();
      assert.match(await page.locator('#totp-secret').innerText(), /^[A-Z2-7]{16,}$/);
      await page.getByLabel('Code from the app').fill('000000');
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await page.locator('#f-code[aria-invalid="true"], #totp-enable-form .form-error:not([hidden])').first().waitFor();
      assert.deepEqual(errors, []);
    },
  );
});
