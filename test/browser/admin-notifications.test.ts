import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { NewOutboxRow } from '../../src/store/outbox-store.ts';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.ts';
import { monitorDownEvent } from '../support/notification-fixtures.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageErrors, signIn, startAdminPharos, type AdminPharos } from './support/admin-pharos.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';

const SECRET = '0123456789abcdef-hook-secret';

/** Each screen and what shows that its script has filled it in. */
const PAGES = [
  { name: 'notification channels', path: '/admin/notifications', ready: '#channel-components input' },
  { name: 'deliveries', path: '/admin/deliveries', ready: '#deliveries tbody tr[data-delivery]' },
  { name: 'subscribers', path: '/admin/subscribers', ready: '#subscribers tbody tr[data-subscriber]' },
] as const;

function deliveryRow(eventId: string, channel: string): NewOutboxRow {
  const now = Date.now();
  return {
    id: `${eventId}:channel:${channel}`,
    eventId,
    eventType: 'monitor.down',
    targetKind: 'channel',
    targetId: channel,
    event: { ...monitorDownEvent, id: eventId },
    createdAt: now,
    nextAttemptAt: now,
  };
}

/** Presses Tab until the focused element matches `selector` (at most `max` times). */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with ${max} presses of Tab`);
}

describe(
  'admin UI: notification channels, deliveries and subscribers',
  { skip: skipWithoutBrowser(), timeout: 180_000 },
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
        `egress: { deny_private: false }\ndelivery: { poll_interval: 50ms, backoff_base: 50ms }\ncomponents:\n  - { id: api, name: Public API }\n  - { id: web, name: Website }\nnotifications:\n  - { id: from-config, type: webhook, url: "${receiver.url}/config", events: [incident.created] }\n`,
      );
      await site.pharos.store.admin.createSubscriber({
        id: 'sub-kept',
        kind: 'email',
        target: 'ada@example.com',
        componentIds: ['api'],
        confirmedAt: Date.now(),
        createdAt: Date.now(),
        pageSlug: '',
        pageAccess: null,
      });
      page = await browser.newPage();
      errors = collectPageErrors(page);
      page.on('dialog', (d) => void d.accept());
      await signIn(page, site.url);
    });
    after(async () => {
      await browser?.close();
      await site?.close();
      await receiver?.close();
    });

    test(
      'create a webhook channel through the form, send a test, edit it keeping its secret',
      { timeout: 40_000 },
      async () => {
        await page.goto(`${site.url}/admin/notifications`);
        await page.locator('#channel-components input').first().waitFor();
        const configRow = page.locator('#channels tr[data-channel="from-config"]');
        await configRow.getByText('read-only here').waitFor();
        assert.equal(
          await configRow.getByRole('button', { name: /Delete|Edit/ }).count(),
          0,
          'a config channel cannot be edited or deleted',
        );

        // each type shows its own fields; an API issue on a provider field lands on that field
        await page.getByLabel('Type').selectOption('slack');
        assert.ok(await page.locator('#f-slack-url').isVisible());
        await page.getByLabel('Type').selectOption('webhook');
        assert.equal(await page.locator('#f-slack-url').isVisible(), false);
        await page.getByLabel(/^Id\b/).fill('hook');
        await page.locator('#f-webhook-url').fill('not a url');
        await page.getByRole('button', { name: 'Add channel' }).click();
        await page.locator('#f-webhook-url[aria-invalid="true"]').waitFor({ timeout: 5000 });
        await page.locator('#f-webhook-url-error').waitFor({ timeout: 5000 });

        await page.locator('#f-webhook-url').fill(`${receiver.url}/hook`);
        await page.locator('#f-webhook-secret').fill(SECRET);
        await page.getByLabel('monitor.down').check();
        await page.getByLabel('Public API (api)').check();
        await page.getByLabel('Remind every').fill('30m');
        await page.getByRole('button', { name: 'Add channel' }).click();
        await page.locator('#channels tr[data-channel="hook"]').waitFor({ timeout: 5000 });
        const stored = (await site.pharos.store.admin.getCatalog('channel', 'hook'))?.config as Record<string, unknown>;
        assert.deepEqual(
          { ...stored },
          {
            id: 'hook',
            type: 'webhook',
            url: `${receiver.url}/hook`,
            method: 'POST',
            secret: SECRET,
            events: ['monitor.down'],
            components: ['api'],
            reminder_every: 1_800_000,
            coalesce_after: 5,
            rate_per_minute: 30,
          },
        );

        receiver.clear();
        await page.getByRole('button', { name: 'Send test to hook' }).click();
        await page
          .locator('#test-result.success', { hasText: 'Test message to hook delivered (HTTP 200).' })
          .waitFor({ timeout: 10_000 });
        const got = await receiver.waitForRequest(1);
        assert.equal(got.method, 'POST');
        assert.equal(got.path, '/hook');
        assert.match(String(got.headers['x-pharos-signature']), /^sha256=/);

        // a refusing receiver: the outcome names the status and the answer
        receiver.respondWith({ status: 403, body: 'who are you' });
        await page.getByRole('button', { name: 'Send test to hook' }).click();
        await page.locator('#test-result.error', { hasText: 'who are you' }).waitFor({ timeout: 10_000 });
        receiver.respondWith({ status: 200 });

        await page.getByRole('button', { name: 'Edit hook' }).click();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'channel-form-h');
        assert.ok(await page.locator('#f-webhook-secret').isDisabled(), 'the stored secret is kept unless replaced');
        assert.equal(await page.getByLabel('Remind every').inputValue(), '30m');
        await page.getByLabel('Messages per minute').fill('10');
        await page.getByRole('button', { name: 'Save channel' }).click();
        await page.locator('#announcer', { hasText: 'Channel hook saved.' }).waitFor({ timeout: 5000 });
        const edited = (await site.pharos.store.admin.getCatalog('channel', 'hook'))?.config as Record<string, unknown>;
        assert.equal(edited['rate_per_minute'], 10);
        assert.equal(edited['secret'], SECRET, 'sending "[redacted]" back keeps the stored secret');
        assert.deepEqual(errors, []);
      },
    );

    test(
      'a dead delivery is listed with its last error and retried from the deliveries page; paging by the last id',
      { timeout: 40_000 },
      async () => {
        receiver.respondWith({ status: 400, body: 'bad payload' });
        const dead = deliveryRow('evt-dead-1', 'hook');
        await site.pharos.store.outbox.enqueue([dead]);
        await waitFor(
          'the delivery to be given up',
          async () => (await site.pharos.store.outbox.get(dead.id))?.state === 'dead',
          10_000,
        );
        // 55 more for a channel that does not exist: dead at once, more than one page
        await site.pharos.store.outbox.enqueue(
          Array.from({ length: 55 }, (_, i) => ({
            ...deliveryRow(`evt-gone-${String(i).padStart(2, '0')}`, 'gone'),
            createdAt: Date.now() - 60_000 - i,
          })),
        );
        await waitFor(
          'the missing channel’s deliveries to be dead',
          async () => (await site.pharos.store.outbox.stats(Date.now())).dead >= 56,
          10_000,
        );
        receiver.respondWith({ status: 200 });

        await page.goto(`${site.url}/admin/deliveries`);
        assert.equal(await page.getByLabel('State').inputValue(), 'dead', 'dead letters by default');
        const row = page.locator(`#deliveries tr[data-delivery="${dead.id}"]`);
        await row.waitFor({ timeout: 5000 });
        await row.getByText('400', { exact: true }).waitFor();
        await row.getByText('Receiver’s answer').click();
        await row.getByText('bad payload').waitFor();
        assert.equal(await page.locator('#deliveries tbody tr[data-delivery]').count(), 50);

        receiver.clear();
        await row.getByRole('button', { name: 'Retry monitor.down to channel:hook' }).click();
        await page.locator('#announcer', { hasText: 'queued again' }).waitFor({ timeout: 5000 });
        await row.waitFor({ state: 'detached' });
        await waitFor(
          'the retried delivery to be sent',
          async () => (await site.pharos.store.outbox.get(dead.id))?.state === 'sent',
          10_000,
        );
        assert.equal((await receiver.waitForRequest(1)).headers['idempotency-key'], dead.id);

        await page.getByRole('button', { name: 'Older deliveries' }).click();
        await page.locator('#deliveries-caption', { hasText: 'older page' }).waitFor();
        assert.equal(await page.locator('#deliveries tbody tr[data-delivery]').count(), 5);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'deliveries-caption');
        await page.getByRole('button', { name: 'Newest' }).click();
        await page.locator('#deliveries-caption', { hasText: /first$/ }).waitFor();

        await page.getByLabel('State').selectOption('sent');
        await page.getByRole('button', { name: 'Show' }).click();
        await page
          .locator(`#deliveries tr[data-delivery="${dead.id}"]`, { hasText: 'sent' })
          .waitFor({ timeout: 5000 });
        assert.equal(await page.getByRole('button', { name: /^Retry/ }).count(), 0, 'only dead ones are retried');
        assert.deepEqual(errors, []);
      },
    );

    test('subscribers: listed with their components, removed after a confirmation', { timeout: 20_000 }, async () => {
      await site.pharos.store.admin.createSubscriber({
        id: 'sub-gone',
        kind: 'webhook',
        target: 'https://hooks.example.com/status',
        componentIds: [],
        confirmedAt: null,
        createdAt: Date.now(),
        pageSlug: '',
        pageAccess: null,
      });
      await page.goto(`${site.url}/admin/subscribers`);
      const row = page.locator('#subscribers tr[data-subscriber="sub-gone"]');
      await row.getByText('not yet').waitFor({ timeout: 5000 });
      await page.locator('#subscribers tr[data-subscriber="sub-kept"]', { hasText: 'Public API' }).waitFor();
      await row.getByRole('button', { name: 'Remove subscriber https://hooks.example.com/status' }).click();
      await row.waitFor({ state: 'detached', timeout: 5000 });
      assert.equal(await site.pharos.store.admin.getSubscriber('sub-gone'), undefined);
      assert.ok(await site.pharos.store.admin.getSubscriber('sub-kept'));
      assert.deepEqual(errors, []);
    });

    for (const [colorScheme, width] of [
      ['light', 1280],
      ['dark', 375],
    ] as const) {
      test(
        `axe-core finds no violations on the three screens (${colorScheme}, ${width} px), without sideways scrolling`,
        { timeout: 60_000 },
        async () => {
          // axe is injected as an inline script, which the admin CSP rightly refuses: bypass it for the audit only
          const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 }, bypassCSP: true });
          const p = await context.newPage();
          const pageErrors = collectPageErrors(p);
          await signIn(p, site.url);
          for (const screen of PAGES) {
            await p.goto(site.url + screen.path);
            await p.locator(screen.ready).first().waitFor({ timeout: 10_000 });
            await p.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
            const violations = await axeViolations(p);
            assert.equal(violations.length, 0, `${screen.name}, ${colorScheme}:\n${describeViolations(violations)}`);
            assert.ok(
              await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
              `${screen.name} has no sideways scrolling`,
            );
          }
          assert.deepEqual(pageErrors, []);
          await context.close();
        },
      );
    }

    test('create a channel and send it a test with the keyboard only', { timeout: 40_000 }, async () => {
      const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const pageErrors = collectPageErrors(p);
      await signIn(p, site.url);
      await p.locator('[data-me-name]:not(:empty)').waitFor();
      await tabTo(p, '.admin-nav a[href="/admin/notifications"]');
      await p.keyboard.press('Enter');
      await p.waitForURL((u) => u.pathname === '/admin/notifications');
      await p.locator('#channel-components input').first().waitFor();
      await tabTo(p, '#f-id');
      await p.keyboard.type('kb-hook');
      await tabTo(p, '#f-type');
      await p.keyboard.type('webhook');
      await tabTo(p, '#f-webhook-url');
      await p.keyboard.type(`${receiver.url}/kb`);
      await tabTo(p, '#event-incident-created');
      await p.keyboard.press('Space');
      await tabTo(p, '#channel-form button[type=submit]');
      await p.keyboard.press('Enter');
      await p.locator('#channels tr[data-channel="kb-hook"]').waitFor({ timeout: 5000 });
      assert.equal(await p.evaluate(() => document.activeElement?.id), 'channels-caption', 'focus returns to the list');
      const stored = (await site.pharos.store.admin.getCatalog('channel', 'kb-hook'))?.config as {
        events?: string[];
        url: string;
      };
      assert.deepEqual(stored.events, ['incident.created']);
      assert.equal(stored.url, `${receiver.url}/kb`);

      receiver.clear();
      await tabTo(p, 'button[aria-label="Send test to kb-hook"]');
      await p.keyboard.press('Enter');
      await p.locator('#test-result.success', { hasText: 'kb-hook delivered' }).waitFor({ timeout: 10_000 });
      assert.equal((await receiver.waitForRequest(1)).path, '/kb');

      p.on('dialog', (d) => void d.accept());
      await tabTo(p, 'button[aria-label="Delete kb-hook"]');
      await p.keyboard.press('Enter');
      await p.locator('#channels tr[data-channel="kb-hook"]').waitFor({ state: 'detached', timeout: 5000 });
      assert.equal(await site.pharos.store.admin.getCatalog('channel', 'kb-hook'), undefined);
      assert.deepEqual(pageErrors, []);
      await p.close();
    });
  },
);
