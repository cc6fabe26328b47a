import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.ts';
import { collectPageErrors, signIn, startAdminPharos, type AdminPharos } from './support/admin-pharos.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Item 5 of issue 14: the subscribers page says whether subscriptions are on; a refusing relay shows as a notice. */
describe(
  'admin UI: subscription state and the mail failure notice',
  { skip: skipWithoutBrowser(), timeout: 150_000 },
  () => {
    let browser: Browser;
    let smtp: SmtpTestServer;
    before(async () => {
      browser = await launchBrowser();
      smtp = await startSmtpTestServer({ failWith: () => ({ code: 554, message: '5.7.1 Relay access denied' }) });
    });
    after(async () => {
      await browser?.close();
      await smtp?.close();
    });

    test('subscriptions off: the page says so and names the config key', { timeout: 60_000 }, async () => {
      const site: AdminPharos = await startAdminPharos(`components:\n  - { id: api, name: Public API }\n`);
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors = collectPageErrors(page);
        await signIn(page, site.url, '/admin/subscribers');
        const state = page.locator('#subscription-state .state-off');
        await state.waitFor({ timeout: 10_000 });
        assert.match(await state.innerText(), /Subscriptions are off/);
        assert.match(await state.innerText(), /subscribers\.enabled: true/);
        await shoot(page, 'subscribers-off');
        assert.deepEqual(errors, []);
        await page.close();
      } finally {
        await site.close();
      }
    });

    test(
      'subscriptions on, the relay refuses: dashboard and subscribers page show the SMTP answer',
      { timeout: 80_000 },
      async () => {
        const relay = `{ host: 127.0.0.1, port: ${smtp.port}, starttls: never }`;
        const site: AdminPharos = await startAdminPharos(
          [
            'components:',
            '  - { id: api, name: Public API }',
            'subscribers:',
            '  enabled: true',
            `  email: { smtp: ${relay}, from: status@acme.test }`,
            'notifications:',
            `  - { id: ops-mail, type: email, to: [oncall@acme.test], from: pharos@acme.test, smtp: ${relay} }`,
            'delivery: { backoff_base: 50ms, backoff_max: 200ms, poll_interval: 50ms }',
            '',
          ].join('\n'),
        );
        try {
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          const errors = collectPageErrors(page);
          await signIn(page, site.url, '/admin/subscribers');
          const on = page.locator('#subscription-state .state-on');
          await on.waitFor({ timeout: 10_000 });
          assert.match(
            await on.innerText(),
            /Subscriptions are on: visitors can subscribe by email \(through 127\.0\.0\.1:\d+, STARTTLS never\) and by webhook/,
          );
          assert.equal(await page.locator('#admin-notices').isVisible(), false, 'nothing failed yet');

          // an incident is mailed to the channel: the relay refuses it
          const me = await page.request.get(`${site.url}/api/v1/auth/me`);
          const csrf = ((await me.json()) as { csrf_token: string }).csrf_token;
          const made = await page.request.post(`${site.url}/api/v1/incidents`, {
            headers: { 'x-csrf-token': csrf },
            data: { name: 'Payments are slow', body: 'Looking into it.' },
          });
          assert.equal(made.status(), 201);
          let shown = false;
          for (let i = 0; i < 40 && !shown; i++) {
            await new Promise((r) => setTimeout(r, 500));
            await page.goto(`${site.url}/admin`);
            shown = await page
              .locator('#admin-notices [data-notice="mail_delivery"]')
              .waitFor({ timeout: 1500 })
              .then(() => true)
              .catch(() => false);
          }
          assert.ok(shown, 'the dashboard shows the mail notice');
          assert.match(
            await page.locator('#admin-notices').innerText(),
            /Mail is not getting through.*Relay access denied/s,
          );
          await page.screenshot({ path: screenshotPath('dashboard-mail-notice-1280'), fullPage: true });
          await page.goto(`${site.url}/admin/subscribers`);
          await page.locator('#admin-notices [data-notice="mail_delivery"]').waitFor({ timeout: 10_000 });
          await on.waitFor();
          await shoot(page, 'subscribers-on-mail-notice');
          assert.deepEqual(errors, []);
          await page.close();
        } finally {
          await site.close();
        }
      },
    );
  },
);
