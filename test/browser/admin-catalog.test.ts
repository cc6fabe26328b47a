import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ComponentConfig } from '../../src/config/schema.ts';
import type { GroupConfig } from '../../src/config/group-schema.ts';
import type { PageConfig } from '../../src/config/page-schema.ts';
import { collectPageErrors, signIn, startAdminPharos, type AdminPharos } from './support/admin-pharos.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';

/** PHAROS_SHOTS_DIR: also copy the screenshots there (for people looking at them outside the repository). */
function shot(name: string): string {
  const path = screenshotPath(name);
  return path;
}
function copyShots(names: string[]): void {
  const dir = process.env['PHAROS_SHOTS_DIR'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const n of names) copyFileSync(screenshotPath(n), `${dir}/${n}.png`);
}

const YAML = `monitors:
  - { id: cfg-beat, name: Config heartbeat, type: push, token: config-push-token-0123456789 }
components:
  - { id: cfg, name: Config service, group: Core, monitors: [cfg-beat] }
  - { id: docs, name: Documentation }
`;

describe(
  'admin UI: the catalog (components, groups, pages) in the browser',
  { skip: skipWithoutBrowser(), timeout: 420_000 },
  () => {
    let browser: Browser;
    let site: AdminPharos;
    let page: Page;
    let errors: string[];

    before(async () => {
      browser = await launchBrowser();
      site = await startAdminPharos(YAML);
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      errors = collectPageErrors(page);
      page.on('dialog', (d) => void d.accept());
      await signIn(page, site.url);
      // two monitors made through the API (the config file's monitors are read-only, components and all)
      await page.locator('[data-me-name]:not(:empty)').waitFor();
      await page.evaluate(async () => {
        const api = (window as unknown as { PharosAdmin: { api(m: string, p: string, b: unknown): Promise<unknown> } })
          .PharosAdmin.api;
        await api('POST', '/api/v1/monitors', {
          id: 'shop-beat',
          name: 'Shop heartbeat',
          type: 'push',
          token: 'shop-push-token-0123456789',
        });
        await api('POST', '/api/v1/monitors', {
          id: 'pay-beat',
          name: 'Payments heartbeat',
          type: 'push',
          token: 'pay-push-token-0123456789',
        });
      });
    });
    after(async () => {
      await browser?.close();
      await site?.close();
    });

    const stored = async <C>(kind: 'component' | 'group' | 'page', id: string) =>
      (await site.pharos.store.admin.getCatalog(kind, id))?.config as C | undefined;

    test('a group: created folded, listed, shown folded on the public page', { timeout: 30_000 }, async () => {
      await page.goto(`${site.url}/admin/groups`);
      await page.locator('#groups tbody tr[data-group]').first().waitFor();
      // the config file's group (named by a config component) is listed read-only, without move buttons
      assert.match(await page.locator('#groups tbody').innerText(), /Core\s+config file/i);
      await page.getByLabel(/^Name\b/).fill('Shop');
      assert.equal(await page.getByLabel(/^Id\b/).inputValue(), 'shop');
      await page.getByLabel(/Folded on the public page/).check();
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.locator('#groups tr[data-group="shop"]', { hasText: 'folded' }).waitFor({ timeout: 5000 });
      assert.deepEqual(await stored<GroupConfig>('group', 'shop'), { id: 'shop', name: 'Shop', collapsed: true });
      // a second group, and the order changes with the move buttons
      await page.getByLabel(/^Name\b/).fill('Payments');
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.locator('#groups tr[data-group="payments"]').waitFor({ timeout: 5000 });
      await page.getByRole('button', { name: 'Move up Payments' }).click();
      await page.locator('#groups tbody tr[data-group]:nth-child(2)[data-group="payments"]').waitFor({ timeout: 5000 });
      const order = (await site.pharos.store.admin.listCatalog('group')).map((g) => g.id);
      assert.deepEqual(order.slice(1), ['payments', 'shop']);
      // a name taken by another group is refused on its field
      await page.getByLabel(/^Name\b/).fill('Shop');
      await page.getByLabel(/^Id\b/).fill('shop-two');
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.locator('#f-name[aria-invalid="true"]').waitFor({ timeout: 5000 });
      assert.match(await page.locator('#f-name-error').innerText(), /already named "Shop"/);
    });

    test(
      'a component with monitors and a group: created, edited, listed; bad input on its field',
      { timeout: 40_000 },
      async () => {
        await page.goto(`${site.url}/admin/components/new`);
        await page.getByLabel('Shop heartbeat').waitFor();
        await page.getByLabel(/^Name\b/).fill('Shop front');
        assert.equal(await page.getByLabel(/^Id\b/).inputValue(), 'shop-front');
        await page.getByLabel('Group').selectOption('Shop');
        await page.getByLabel('Shop heartbeat').check();
        await page.getByRole('button', { name: 'Create component' }).click();
        await page.waitForURL((u) => u.pathname === '/admin/components/shop-front', { timeout: 10_000 });
        assert.deepEqual(await stored<ComponentConfig>('component', 'shop-front'), {
          id: 'shop-front',
          name: 'Shop front',
          group: 'Shop',
          monitors: ['shop-beat'],
          auto_incident: true,
        });
        // edit: a second monitor, no automatic incidents
        await page.getByLabel('Payments heartbeat').check();
        await page.getByLabel(/Open and resolve incidents/).uncheck();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.locator('#page-alert', { hasText: 'Component saved.' }).waitFor({ timeout: 5000 });
        const edited = await stored<ComponentConfig>('component', 'shop-front');
        assert.deepEqual(edited?.monitors, ['shop-beat', 'pay-beat']);
        assert.equal(edited?.auto_incident, false);
        // an id that is not one is refused on the id field
        await page.goto(`${site.url}/admin/components/new`);
        await page.getByLabel('Shop heartbeat').waitFor();
        await page.getByLabel(/^Name\b/).fill('Payments API');
        await page.getByLabel(/^Id\b/).fill('Not An Id');
        await page.getByRole('button', { name: 'Create component' }).click();
        await page.locator('#f-id[aria-invalid="true"]').waitFor({ timeout: 5000 });
        await page.getByLabel(/^Id\b/).fill('payments-api');
        await page.getByLabel('Group').selectOption('Payments');
        await page.getByRole('button', { name: 'Create component' }).click();
        await page.waitForURL((u) => u.pathname === '/admin/components/payments-api', { timeout: 10_000 });
        // the list: display order, move buttons on API components only
        await page.goto(`${site.url}/admin/components`);
        await page.locator('li[data-component="payments-api"]').waitFor();
        assert.equal(await page.locator('li[data-component="cfg"] button[aria-label^="Move"]').count(), 0);
        await page.getByRole('button', { name: 'Move up Payments API' }).click();
        await page.locator('#components > li:nth-child(3)[data-component="payments-api"]').waitFor({ timeout: 5000 });
      },
    );

    test('a config-file component is shown read-only with the reason', async () => {
      await page.goto(`${site.url}/admin/components/cfg`);
      await page.locator('#managed-note:not([hidden])').waitFor();
      assert.match(await page.locator('#managed-note').innerText(), /configuration file/);
      assert.equal(await page.locator('#component-fields').evaluate((f) => (f as HTMLFieldSetElement).disabled), true);
      assert.equal(await page.locator('#component-save').isVisible(), false);
      assert.equal(await page.locator('#component-archive').isVisible(), false);
      assert.equal(await page.getByLabel('Config heartbeat').isChecked(), true);
    });

    test(
      'the monitor form picks components; a config-file component is not offered for change',
      { timeout: 30_000 },
      async () => {
        await page.goto(`${site.url}/admin/monitors/pay-beat`);
        const picker = page.locator('#monitor-components');
        await picker.getByLabel('Payments API').waitFor();
        assert.equal(await picker.getByLabel('Shop front').isChecked(), true, 'it is in Shop front already');
        assert.equal(await picker.getByLabel(/Config service/).isDisabled(), true);
        await picker.getByLabel('Payments API').check();
        await picker.getByLabel('Shop front').uncheck();
        // the stored push token is never shown: saving asks for it again
        await page.getByLabel('Push token').fill('pay-push-token-0123456789');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.locator('#announcer', { hasText: 'Monitor saved.' }).waitFor({ timeout: 5000 });
        assert.deepEqual((await stored<ComponentConfig>('component', 'payments-api'))?.monitors, ['pay-beat']);
        assert.deepEqual((await stored<ComponentConfig>('component', 'shop-front'))?.monitors, ['shop-beat']);
      },
    );

    test(
      'a page with chosen components in order, branding, a domain and access rules',
      { timeout: 40_000 },
      async () => {
        await page.goto(`${site.url}/admin/pages/new`);
        await page.locator('#page-components li.order-row').first().waitFor({ state: 'attached' });
        await page.getByLabel(/^Title\b/).fill('Shop status');
        assert.equal(await page.getByLabel(/^Address\b/).inputValue(), 'shop-status');
        await page.getByLabel('The ones chosen here, in this order').check();
        await page
          .locator('#page-components')
          .getByLabel(/^Payments API/)
          .check();
        await page
          .locator('#page-components')
          .getByLabel(/^Shop front/)
          .check();
        await page.getByRole('button', { name: 'Move Shop front up' }).click();
        await page.locator('#f-colors-brand').fill('#aa3300');
        await page.getByLabel('Footer links').fill('Home | https://shop.example.com');
        await page.getByLabel('Domains', { exact: true }).fill('status.shop.example');
        await page.getByLabel(/Private page/).check();
        await page.getByLabel('Addresses let in without signing in').fill('not-an-address');
        await page.getByRole('button', { name: 'Create page' }).click();
        await page.locator('#f-access-ip_allow[aria-invalid="true"]').waitFor({ timeout: 5000 });
        await page.getByLabel('Addresses let in without signing in').fill('127.0.0.1/32');
        await page.getByLabel('Anyone signed in to this admin').check();
        await page.getByRole('button', { name: 'Create page' }).click();
        await page.waitForURL((u) => u.pathname === '/admin/pages/shop-status', { timeout: 10_000 });
        const p = await stored<PageConfig>('page', 'shop-status');
        assert.deepEqual(p?.components, ['shop-front', 'payments-api'], 'the order chosen');
        assert.equal(p?.colors.brand, '#aa3300');
        assert.deepEqual(p?.footer, [{ label: 'Home', url: 'https://shop.example.com' }]);
        assert.deepEqual(p?.domains, ['status.shop.example']);
        assert.deepEqual(p?.access?.ip_allow, ['127.0.0.1/32']);
        assert.equal(p?.access?.signed_in, true);
        // the page serves at its address (this test's client is 127.0.0.1: let in), brand colour and order as chosen
        await page.locator('#page-view:not([hidden])').waitFor();
        const pub = await browser.newPage();
        // the public pages are rebuilt moments after a change (at most every 500 ms): a visitor this quick reloads
        let names: string[] = [];
        for (const deadline = Date.now() + 10_000; names.length === 0 && Date.now() < deadline;) {
          await pub.goto(`${site.url}/shop-status`);
          names = (await pub.locator('.cmp .cn').allTextContents()).map((t) => t.trim());
          if (names.length === 0) await pub.waitForTimeout(200);
        }
        assert.deepEqual(names, ['Shop front', 'Payments API']);
        // Shop is folded by default, Payments is not
        assert.equal(await pub.locator('.grp details', { hasText: 'Shop' }).getAttribute('open'), null);
        assert.notEqual(await pub.locator('.grp details', { hasText: 'Payments' }).getAttribute('open'), null);
        await pub.close();
        // edit: back to public
        await page.getByLabel(/Private page/).uncheck();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.locator('#page-alert', { hasText: 'Page saved.' }).waitFor({ timeout: 5000 });
        assert.equal((await stored<PageConfig>('page', 'shop-status'))?.access, undefined);
        await page.goto(`${site.url}/admin/pages`);
        await page.locator('#pages tr[data-page="shop-status"]', { hasText: 'public' }).waitFor();
      },
    );

    test('archiving: a page, then a component no page uses; the history stays', { timeout: 30_000 }, async () => {
      await page.goto(`${site.url}/admin/pages/shop-status`);
      await page.locator('#page-archive:visible').waitFor();
      await page.getByRole('button', { name: 'Archive' }).click();
      await page.waitForURL((u) => u.pathname === '/admin/pages');
      assert.equal(await stored('page', 'shop-status'), undefined);
      await page.goto(`${site.url}/admin/components/payments-api`);
      await page.locator('#component-archive:visible').waitFor();
      await page.getByRole('button', { name: 'Archive' }).click();
      await page.waitForURL((u) => u.pathname === '/admin/components');
      assert.equal(await stored('component', 'payments-api'), undefined);
      const archived = await site.pharos.store.admin.getCatalog('component', 'payments-api', { includeArchived: true });
      assert.ok(archived?.archivedAt, 'archived, not deleted');
      const audit = await site.pharos.store.admin.listAudit({ limit: 100 });
      for (const action of [
        'group.create',
        'group.reorder',
        'component.create',
        'component.update',
        'page.create',
        'component.delete',
      ])
        assert.ok(
          audit.some((a) => a.action === action),
          action,
        );
      assert.deepEqual(errors, []);
    });

    test('the admin shows an incident update’s Markdown rendered, not as **raw** marks', async () => {
      // the session (and its CSRF token) is loaded once the name shows
      await page.goto(`${site.url}/admin/incidents`);
      await page.locator('[data-me-name]:not(:empty)').waitFor();
      const id = await page.evaluate(async () => {
        const api = (
          window as unknown as { PharosAdmin: { api(m: string, p: string, b: unknown): Promise<{ id: string }> } }
        ).PharosAdmin.api;
        return (
          await api('POST', '/api/v1/incidents', { name: 'Slow checkout', body: '**Checkout** is slow <b>x</b>' })
        ).id;
      });
      await page.goto(`${site.url}/admin/incidents/${id}`);
      await page.locator('.update-body strong', { hasText: 'Checkout' }).waitFor({ timeout: 5000 });
      const text = await page.locator('.update-body').first().innerText();
      assert.ok(!text.includes('**'), text);
      assert.equal(await page.locator('.update-body b').count(), 0, 'raw HTML stays text');
    });

    test(
      'screenshots of the catalog screens and the public page at 375 and 1280 px, light and dark',
      { timeout: 240_000 },
      async () => {
        const names: string[] = [];
        for (const colorScheme of ['light', 'dark'] as const)
          for (const width of [1280, 375]) {
            const p = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
            await signIn(p, site.url);
            for (const [name, path, ready] of [
              ['components', '/admin/components', '#components li[data-component]'],
              ['component-editor', '/admin/components/shop-front', '#monitors-shop-beat'],
              ['groups', '/admin/groups', '#groups tr[data-group]'],
              ['page-editor', '/admin/pages/new', '#page-components li.order-row'],
              ['monitor-form', '/admin/monitors/shop-beat', '#components-shop-front'],
            ] as const) {
              await p.goto(`${site.url}${path}`);
              await p.locator(ready).first().waitFor({ state: 'attached' });
              if (name === 'page-editor') {
                await p.getByLabel('The ones chosen here, in this order').check();
                await p.getByLabel(/Private page/).check();
              }
              const file = `catalog-${name}-${width}-${colorScheme}`;
              await p.screenshot({ path: shot(file), fullPage: true });
              names.push(file);
              assert.ok(
                await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
                `${name} fits ${width} px`,
              );
              if (width === 1280) {
                const rows = await p.evaluate(() => {
                  const tops = [...document.querySelectorAll('.admin-nav li:not([hidden])')].map(
                    (li) => li.getBoundingClientRect().top,
                  );
                  return new Set(tops).size;
                });
                assert.equal(rows, 1, 'the admin navigation is one line at 1280 px');
              }
            }
            await p.goto(`${site.url}/`);
            await p.locator('.cmp').first().waitFor();
            // a component outside any group starts left of the group's members, at every width
            const member = await p.locator('.grp .cmp .cn', { hasText: 'Config service' }).boundingBox();
            const loose = await p.locator('.top-list > .cmp .cn', { hasText: 'Documentation' }).boundingBox();
            assert.ok(member && loose && member.x > loose.x + 8, `members indented at ${width} px`);
            const file = `public-${width}-${colorScheme}`;
            await p.screenshot({ path: shot(file), fullPage: true });
            names.push(file);
            await p.close();
          }
        copyShots(names);
      },
    );
  },
);
