import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageErrors, OWNER, signIn, startAdminPharos, type AdminPharos } from './support/admin-pharos.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';

/** Each page and what shows that its script has filled it in. */
const PAGES = [
  { name: 'login page', path: '/admin/login', ready: '#f-email', signedIn: false },
  { name: 'dashboard', path: '/admin', ready: '#overview tbody tr[data-monitor] svg.spark', signedIn: true },
  { name: 'new monitor editor', path: '/admin/monitors/new', ready: '[data-me-name]:not(:empty)', signedIn: true },
  {
    name: 'config-managed monitor editor',
    path: '/admin/monitors/api-check',
    ready: '#managed-note:not([hidden])',
    signedIn: true,
  },
  { name: 'incident composer', path: '/admin/incidents/new', ready: '.pickers select', signedIn: true },
  { name: 'incident list', path: '/admin/incidents', ready: '#incidents tbody td', signedIn: true },
  { name: 'maintenance', path: '/admin/maintenance', ready: '.checks input', signedIn: true },
  { name: 'components', path: '/admin/components', ready: '#components li[data-component] select', signedIn: true },
  { name: 'new component', path: '/admin/components/new', ready: '#monitors-api-check', signedIn: true },
  {
    name: 'config-managed component',
    path: '/admin/components/api',
    ready: '#managed-note:not([hidden])',
    signedIn: true,
  },
  { name: 'groups', path: '/admin/groups', ready: '#groups tbody td', signedIn: true },
  { name: 'pages', path: '/admin/pages', ready: '#pages tbody td', signedIn: true },
  { name: 'new page', path: '/admin/pages/new', ready: '[data-me-name]:not(:empty)', signedIn: true },
  { name: 'users', path: '/admin/users', ready: '#users tbody tr select', signedIn: true },
  { name: 'tokens', path: '/admin/tokens', ready: '#tokens tbody td', signedIn: true },
  { name: 'audit log', path: '/admin/audit', ready: '#audit tbody tr time', signedIn: true },
  { name: 'reports', path: '/admin/reports', ready: '[data-me-name]:not(:empty)', signedIn: true },
  { name: 'account', path: '/admin/account', ready: '#account-facts dt', signedIn: true },
] as const;

/** Presses Tab until the focused element matches `selector` (at most `max` times): reachable by keyboard alone. */
async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with ${max} presses of Tab`);
}

/** The focused element draws a visible focus indicator. */
async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return false;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  });
}

describe('admin UI: accessibility and keyboard use', { skip: skipWithoutBrowser(), timeout: 180_000 }, () => {
  let browser: Browser;
  let site: AdminPharos;
  let target: SwitchableTarget;

  before(async () => {
    browser = await launchBrowser();
    target = await startSwitchableTarget();
    site = await startAdminPharos(
      `components:\n  - { id: api, name: Public API, monitors: [api-check] }\n  - { id: web, name: Website }\nmonitors:\n  - { id: api-check, name: API health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms }\n`,
    );
    await waitFor('the monitor to report', () => site.pharos.board.stateOf('api-check').status === 'up', 10_000);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await target?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations on every screen (${colorScheme})`, { timeout: 90_000 }, async () => {
      // axe is injected as an inline script, which the admin CSP rightly refuses: bypass it for the audit only
      const context = await browser.newContext({
        colorScheme,
        viewport: { width: 1280, height: 900 },
        bypassCSP: true,
      });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      for (const p of PAGES) {
        if (p.signedIn) await signInOnce(page);
        await page.goto(site.url + p.path);
        await page.locator(p.ready).first().waitFor({ timeout: 10_000 });
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `${p.name}, ${colorScheme}:\n${describeViolations(violations)}`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  let signedInPages = new WeakSet<Page>();
  async function signInOnce(page: Page): Promise<void> {
    if (signedInPages.has(page)) return;
    await signIn(page, site.url);
    signedInPages.add(page);
  }

  test(
    'a validation error is announced next to its field in the composer, also in dark mode',
    { timeout: 30_000 },
    async () => {
      const page = await browser.newPage({ colorScheme: 'dark', bypassCSP: true });
      await signIn(page, site.url, '/admin/incidents/new');
      await page.locator('.pickers select').first().waitFor();
      await page.locator('#f-name').fill(' ');
      await page.locator('#f-name').press('Enter');
      await page.locator('#f-name[aria-invalid="true"]').waitFor({ timeout: 5000 });
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'f-name',
        'focus moves to the first wrong field',
      );
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
      await page.close();
    },
  );

  test('sign in and open an incident with the keyboard only', { timeout: 60_000 }, async () => {
    signedInPages = new WeakSet<Page>();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(`${site.url}/admin/login`);
    // the sign-in page puts the cursor in the email field
    await page.locator('#f-email:focus').waitFor();
    await tabTo(page, '#f-email');
    assert.ok(await focusVisible(page), 'email field shows focus');
    await page.keyboard.type(OWNER.email);
    await tabTo(page, '#f-password');
    await page.keyboard.type(OWNER.password);
    await tabTo(page, '#login-form button[type=submit]');
    assert.ok(await focusVisible(page), 'sign-in button shows focus');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/admin', { timeout: 10_000 });
    await page.locator('[data-me-name]:not(:empty)').waitFor();

    // on a signed-in page the first Tab reaches the skip link, visible when focused, which moves focus to <main>
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
    assert.ok(await page.locator('.skip').isVisible());
    assert.ok(await focusVisible(page), 'skip link shows focus');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.keyboard.press('Shift+Tab');

    await tabTo(page, '.admin-nav a[href="/admin/incidents"]');
    assert.ok(await focusVisible(page), 'navigation link shows focus');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/admin/incidents');
    await page.locator('a[href="/admin/incidents/new"]:visible').waitFor();
    await tabTo(page, 'a[href="/admin/incidents/new"]');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/admin/incidents/new');
    await page.locator('.pickers select').first().waitFor();

    await tabTo(page, '#f-name');
    await page.keyboard.type('Login failures');
    await tabTo(page, '#f-impact');
    await page.keyboard.type('major');
    await tabTo(page, '#f-body');
    await page.keyboard.type('Some people cannot sign in.');
    await tabTo(page, '#pick-api');
    await page.keyboard.type('major');
    await tabTo(page, '#incident-form button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => /^\/admin\/incidents\/[a-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith('/new'), {
      timeout: 10_000,
    });
    await page.locator('.incident-name', { hasText: 'Login failures' }).waitFor();

    const id = new URL(page.url()).pathname.split('/').pop()!;
    const stored = await site.pharos.store.getIncident(id);
    assert.equal(stored?.impact, 'major');
    assert.deepEqual(
      stored?.updates[0]?.affectedComponents.map((c) => [c.componentId, c.newStatus]),
      [['api', 'major_outage']],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(
    'screenshots of the dashboard and the composer at 1280 and 375 px; no sideways scrolling on a phone',
    { timeout: 60_000 },
    async () => {
      for (const width of [1280, 375]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await signIn(page, site.url);
        await page.locator('#overview tbody tr[data-monitor] svg.spark').first().waitFor();
        await page.screenshot({ path: screenshotPath(`admin-dashboard-${width}`), fullPage: true });
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          `dashboard fits ${width} px`,
        );
        await page.goto(`${site.url}/admin/incidents/new`);
        await page.locator('.pickers select').first().waitFor();
        await page.locator('#f-name').fill('Slow checkout');
        await page.locator('#f-body').fill('We are looking into **slow** checkouts.\n\n- payments\n- carts');
        await page.locator('#f-body-preview strong').waitFor();
        await page.screenshot({ path: screenshotPath(`admin-composer-${width}`), fullPage: true });
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          `composer fits ${width} px`,
        );
        await page.close();
      }
    },
  );
});
