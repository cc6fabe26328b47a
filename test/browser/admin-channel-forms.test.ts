import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageErrors, signIn, startAdminPharos, type AdminPharos } from './support/admin-pharos.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';

const SECRET = 'a-signing-secret-of-32-characters';
/** Where the screenshots looked at for issue 14 are kept (besides test-artifacts/); unset: test-artifacts only. */
const SHOTS = process.env['PHAROS_SHOTS_DIR'];

const stored = async (site: AdminPharos, id: string) =>
  (await site.pharos.store.admin.getCatalog('channel', id))?.config as Record<string, unknown> | undefined;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
}

describe(
  'admin UI: channel forms from the schema, "Send test", the monitor page',
  { skip: skipWithoutBrowser(), timeout: 240_000 },
  () => {
    let browser: Browser;
    let site: AdminPharos;
    let receiver: HttpReceiver;
    let page: Page;
    let errors: string[];

    before(async () => {
      browser = await launchBrowser();
      receiver = await startHttpReceiver();
      site = await startAdminPharos(
        `egress: { deny_private: false }\ncomponents:\n  - { id: api, name: Public API, monitors: [api-health] }\nmonitors:\n  - { id: api-health, name: API health, type: http, url: "${receiver.url}/health", interval: 1s, timeout: 2s }\n`,
      );
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      errors = collectPageErrors(page);
      page.on('dialog', (d) => void d.accept());
      await signIn(page, site.url);
    });
    after(async () => {
      await browser?.close();
      await site?.close();
      await receiver?.close();
    });

    test('Slack: the generated form, a wrong URL marked on its field, then created', { timeout: 40_000 }, async () => {
      await page.goto(`${site.url}/admin/notifications`);
      await page.locator('#channel-components input').first().waitFor();
      await page.getByLabel('Type').selectOption('slack');
      const slack = page.locator('fieldset.type-fields[data-type="slack"]');
      assert.ok(await slack.isVisible());
      assert.equal(await page.locator('fieldset.type-fields[data-type="webhook"]').isVisible(), false);
      await page.getByLabel(/^Id\b/).fill('team-slack');
      const url = slack.getByLabel(/Webhook URL/);
      assert.equal(await url.getAttribute('type'), 'password', 'the URL is the credential: masked');
      await url.fill('not a url');
      await slack.getByLabel('Channel').fill('#ops');
      await page.getByRole('button', { name: 'Add channel' }).click();
      const error = page.locator('#f-slack-url-error');
      await error.waitFor({ timeout: 5000 });
      assert.match((await error.textContent()) ?? '', /not a valid URL/);
      assert.equal(await url.getAttribute('aria-invalid'), 'true');
      await url.fill(`${receiver.url}/services/T000/B000/XXXX`);
      await page.getByRole('button', { name: 'Add channel' }).click();
      await page.locator('#channels tr[data-channel="team-slack"]').waitFor({ timeout: 5000 });
      const config = await stored(site, 'team-slack');
      assert.equal(config?.['url'], `${receiver.url}/services/T000/B000/XXXX`);
      assert.equal(config?.['channel'], '#ops');
      assert.deepEqual(errors, []);
    });

    test(
      'webhook: a short secret named next to its field, headers, then "Send test" arrives as a test event',
      { timeout: 40_000 },
      async () => {
        await page.goto(`${site.url}/admin/notifications`);
        await page.locator('#channel-components input').first().waitFor();
        await page.getByLabel('Type').selectOption('webhook');
        const hook = page.locator('fieldset.type-fields[data-type="webhook"]');
        await page.getByLabel(/^Id\b/).fill('hook');
        await hook.getByLabel(/^URL/).fill(`${receiver.url}/hook`);
        await hook.getByLabel(/Signing secret/).fill('too-short');
        await hook.getByLabel(/Extra headers/).fill('X-Team: ops');
        await page.getByRole('button', { name: 'Add channel' }).click();
        const error = page.locator('#f-webhook-secret-error');
        await error.waitFor({ timeout: 5000 });
        assert.equal(await error.textContent(), 'at least 16 characters');
        // next to the field: inside its own .field box, after its label
        assert.equal(await page.locator('.field:has(#f-webhook-secret) #f-webhook-secret-error').count(), 1);
        await hook.getByLabel(/Signing secret/).fill(SECRET);
        await page.getByRole('button', { name: 'Add channel' }).click();
        await page.locator('#channels tr[data-channel="hook"]').waitFor({ timeout: 5000 });
        const config = await stored(site, 'hook');
        assert.equal(config?.['secret'], SECRET);
        assert.deepEqual(config?.['headers'], { 'X-Team': 'ops' });
        assert.equal(config?.['method'], 'POST');

        receiver.clear();
        await page.getByRole('button', { name: 'Send test to hook' }).click();
        await page.locator('#test-result.success', { hasText: 'delivered' }).waitFor({ timeout: 10_000 });
        const got = (await receiver.waitForRequests(1)).find((r) => r.path === '/hook')!;
        const body = got.json as { type: string; title: string; summary: string; severity: string; monitor?: unknown };
        assert.equal(body.type, 'test');
        assert.match(body.summary, /^This is a test from Pharos/);
        assert.equal(body.severity, 'info');
        assert.equal(body.monitor, undefined);
        assert.equal(got.headers['x-team'], 'ops');
        assert.deepEqual(errors, []);
      },
    );

    test('webhook edit: secrets kept by default, replaced on request', { timeout: 40_000 }, async () => {
      // the announcer says "Channel hook saved." after each save: wait for this save's answer, not the last one's words
      const saveChannel = async () => {
        const answered = page.waitForResponse(
          (r) => r.url().includes('/api/v1/notification-channels/hook') && r.request().method() !== 'GET',
        );
        await page.getByRole('button', { name: 'Save channel' }).click();
        assert.ok((await answered).ok(), 'the channel was saved');
        await page.locator('#announcer', { hasText: 'Channel hook saved.' }).waitFor({ timeout: 5000 });
      };
      await page.goto(`${site.url}/admin/notifications`);
      await page.locator('#channels tr[data-channel="hook"]').waitFor({ timeout: 5000 });
      await page.getByRole('button', { name: 'Edit hook' }).click();
      const secret = page.locator('#f-webhook-secret');
      assert.equal(await secret.inputValue(), '', 'a stored secret is never shown');
      assert.ok(await secret.isDisabled());
      const keep = page.locator('fieldset.keep-choice[data-keep-for="f-webhook-secret"]');
      assert.ok(await keep.getByLabel('Keep the stored secret').isChecked());
      await page.locator('#f-webhook-method').selectOption('PUT');
      await saveChannel();
      let config = await stored(site, 'hook');
      assert.equal(config?.['secret'], SECRET, 'kept');
      assert.deepEqual(config?.['headers'], { 'X-Team': 'ops' }, 'kept');
      assert.equal(config?.['method'], 'PUT');

      await page.getByRole('button', { name: 'Edit hook' }).click();
      await keep.getByLabel('Replace it').check();
      assert.ok(await secret.isEnabled());
      await secret.fill('another-secret-of-enough-length');
      await saveChannel();
      config = await stored(site, 'hook');
      assert.equal(config?.['secret'], 'another-secret-of-enough-length', 'replaced');
      assert.deepEqual(config?.['headers'], { 'X-Team': 'ops' }, 'the other secret still kept');

      // a kept secret does not follow the channel to another host: the API names the field, the form marks it
      await page.getByRole('button', { name: 'Edit hook' }).click();
      await page.locator('#f-webhook-url').fill(receiver.url.replace('127.0.0.1', 'localhost') + '/hook');
      await page.getByRole('button', { name: 'Save channel' }).click();
      await page.locator('#f-webhook-headers-error', { hasText: 're-enter this secret' }).waitFor({ timeout: 5000 });
      await page.getByRole('button', { name: 'Cancel editing' }).click();
      assert.deepEqual(errors, []);
    });

    test('email: lists, a mailbox, nested SMTP settings and its secret password', { timeout: 40_000 }, async () => {
      await page.goto(`${site.url}/admin/notifications`);
      await page.locator('#channel-components input').first().waitFor();
      await page.getByLabel('Type').selectOption('email');
      const mail = page.locator('fieldset.type-fields[data-type="email"]');
      await page.getByLabel(/^Id\b/).fill('oncall-mail');
      await mail.getByLabel(/^To/).fill('ops@example.com\nlead@example.com');
      await mail.getByLabel(/^From/).fill('Pharos <alerts@example.com>');
      assert.equal(await mail.getByLabel(/^Port/).inputValue(), '587', 'the default is shown');
      await page.getByRole('button', { name: 'Add channel' }).click();
      const hostError = page.locator('#f-email-smtp-host-error');
      await hostError.waitFor({ timeout: 5000 });
      assert.equal(await hostError.textContent(), 'required');
      await mail.getByLabel(/^Host/).fill('smtp.example.com');
      await mail.getByLabel(/^User name/).fill('alerts');
      await mail.getByLabel(/^Password/).fill('smtp-password');
      await mail.getByLabel('STARTTLS').selectOption('opportunistic');
      await page.getByRole('button', { name: 'Add channel' }).click();
      await page.locator('#channels tr[data-channel="oncall-mail"]').waitFor({ timeout: 5000 });
      const config = await stored(site, 'oncall-mail');
      assert.deepEqual(config?.['to'], ['ops@example.com', 'lead@example.com']);
      assert.deepEqual(config?.['from'], { name: 'Pharos', address: 'alerts@example.com' });
      const smtp = config?.['smtp'] as Record<string, unknown>;
      assert.equal(smtp['host'], 'smtp.example.com');
      assert.equal(smtp['pass'], 'smtp-password');
      assert.equal(smtp['starttls'], 'opportunistic');
      assert.equal(smtp['port'], 587);

      await page.getByRole('button', { name: 'Edit oncall-mail' }).click();
      assert.equal(await mail.getByLabel(/^From/).inputValue(), 'Pharos <alerts@example.com>');
      assert.equal(await mail.getByLabel(/^To/).inputValue(), 'ops@example.com\nlead@example.com');
      assert.ok(await page.locator('#f-email-smtp-pass').isDisabled(), 'the password is kept unless replaced');
      for (const [scheme, width] of [
        ['light', 1280],
        ['dark', 375],
        ['dark', 1280],
        ['light', 375],
      ] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        await page.locator('#channel-form-h').scrollIntoViewIfNeeded();
        await shot(page, `channel-form-email-edit-${width}-${scheme}`);
      }
      await page.getByRole('button', { name: 'Cancel editing' }).click();
      await page.getByLabel('Type').selectOption('webhook');
      await page.getByRole('button', { name: 'Add channel' }).click();
      await page.locator('#f-webhook-url-error').waitFor({ timeout: 5000 });
      for (const [scheme, width] of [
        ['light', 1280],
        ['dark', 375],
      ] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        await shot(page, `channel-form-webhook-errors-${width}-${scheme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });
      assert.deepEqual(errors, []);
    });

    test(
      'the monitor page after real checks: uptime, chart of raw points, results with the raw error, status changes',
      { timeout: 60_000 },
      async () => {
        // a few passing checks, then failures: the monitor goes down with the receiver's answer as its error
        await waitFor(
          'a few checks',
          async () =>
            (await site.pharos.store.listResults('api-health', { from: 0, to: Date.now() + 1, limit: 10 })).length >= 4,
          20_000,
        );
        receiver.respondWith({ status: 503, body: 'overloaded' });
        await waitFor(
          'the monitor to go down',
          async () =>
            (await site.pharos.store.loadMonitorStates()).some(
              (s) => s.monitorId === 'api-health' && s.status === 'down',
            ),
          20_000,
        );
        receiver.respondWith({ status: 200 });
        await waitFor(
          'the monitor to come back',
          async () =>
            (await site.pharos.store.loadMonitorStates()).some(
              (s) => s.monitorId === 'api-health' && s.status === 'up',
            ),
          20_000,
        );

        await page.goto(`${site.url}/admin`);
        await page.getByRole('link', { name: 'API health' }).click();
        await page.waitForURL((u) => u.pathname === '/admin/monitors/api-health/overview');
        // The tables start with a "Loading…" row: wait for what the report fills in.
        await page.locator('#results code.raw-error').first().waitFor();
        await page.locator('#monitor-uptime dd[data-period="24h"]', { hasText: '%' }).waitFor();
        const uptime = await page.locator('#monitor-uptime dd[data-period="24h"]').textContent();
        assert.match(uptime ?? '', /^\d{1,3}\.\d\d %$/, 'two decimals, a space, %');
        assert.ok((await page.locator('#monitor-latency svg circle.dot').count()) >= 3, 'the raw checks as points');
        assert.ok((await page.locator('#monitor-latency svg polyline.avg').count()) >= 1);
        await page.locator('#results code.raw-error', { hasText: /503/ }).first().waitFor();
        await page.locator('#changes tbody tr').filter({ hasText: 'Down' }).first().waitFor();
        await page.getByRole('button', { name: 'Per day, last 30 days' }).click();
        await page.locator('#monitor-latency svg').waitFor();
        await page.getByRole('button', { name: 'Per hour, last 24 h' }).click();
        for (const [scheme, width] of [
          ['light', 1280],
          ['dark', 1280],
          ['light', 375],
          ['dark', 375],
        ] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 900 });
          await shot(page, `monitor-page-${width}-${scheme}`);
          assert.ok(
            await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            `no sideways scrolling at ${width}`,
          );
        }
        await page.emulateMedia({ colorScheme: 'light' });
        await page.setViewportSize({ width: 1280, height: 900 });

        // saving the monitor: a confirmation with the ways back
        await page.getByRole('link', { name: 'Edit this monitor' }).click();
        await page.waitForURL((u) => u.pathname === '/admin/monitors/api-health');
        await page.locator('#managed-note').waitFor({ timeout: 5000 }); // a config monitor is read-only
        assert.deepEqual(errors, []);
      },
    );

    test(
      'a monitor created through the editor: a confirmation and a way back to the list',
      { timeout: 30_000 },
      async () => {
        await page.goto(`${site.url}/admin/monitors/new`);
        await page.getByLabel(/^Id\b/).fill('web-home');
        await page.locator('#f-name').fill('Website home');
        await page
          .locator('fieldset.type-fields[data-type="http"] input[data-path="url"]')
          .fill(`${receiver.url}/home`);
        await page.getByRole('button', { name: 'Create monitor' }).click();
        await page.waitForURL((u) => u.pathname === '/admin/monitors/web-home');
        const note = page.locator('#saved-note');
        await note.getByText('Monitor web-home created.').waitFor({ timeout: 5000 });
        await page.getByRole('button', { name: 'Save changes' }).click();
        await note.getByText('Monitor web-home saved.').waitFor({ timeout: 5000 });
        await shot(page, 'monitor-saved-1280-light');
        await note.getByRole('link', { name: 'Back to all monitors' }).click();
        await page.waitForURL((u) => u.pathname === '/admin');
        assert.deepEqual(errors, []);
      },
    );
  },
);
