import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor } from '../support/wait-for.ts';
import { collectPageErrors, OWNER, signIn, startAdminPharos, type AdminPharos } from './support/admin-pharos.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';
import { screenshotPath } from './support/screenshots.ts';

/** Item 4 of issue 14: an automatic incident is taken over and posted to in one step, then offered for resolving. */
describe(
  'admin UI: take over and post, then resolve once the monitors recover',
  { skip: skipWithoutBrowser(), timeout: 120_000 },
  () => {
    let browser: Browser;
    let site: AdminPharos;
    let target: SwitchableTarget;

    before(async () => {
      target = await startSwitchableTarget();
      target.healthy = false;
      browser = await launchBrowser();
      site = await startAdminPharos(
        `components:\n  - { id: checkout, name: Checkout, monitors: [checkout-http] }\n` +
          `monitors:\n  - { id: checkout-http, type: http, url: "${target.url}/", interval: 1s, timeout: 1s, failure_threshold: 1 }\n`,
      );
    });
    after(async () => {
      await browser?.close();
      await site?.close();
      await target?.close();
    });

    test(
      'one button takes the incident over and posts; the recovered notice resolves it',
      { timeout: 90_000 },
      async () => {
        const auto = await waitFor(
          'an automatic incident',
          async () => (await site.pharos.store.loadOpenIncidents()).find((i) => i.source === 'auto'),
          15_000,
        );
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors = collectPageErrors(page);
        await signIn(page, site.url, `/admin/incidents/${auto.id}`);
        await page.locator('.incident-name', { hasText: auto.name }).waitFor();

        // Pharos runs it: the form says what posting does, and its button says it in words
        const box = page.locator('#take-over-box');
        await box.waitFor({ state: 'visible' });
        assert.match(await box.innerText(), /Posting takes it over/);
        assert.ok(await page.getByLabel('Take over this incident and post this update').isChecked());
        await page.getByLabel('Status', { exact: true }).selectOption('identified');
        await page.getByLabel('Message').fill('We found the cause: a full disk on the payment host.');
        await page.screenshot({ path: screenshotPath('incident-take-over-1280'), fullPage: true });

        // unticked, the button is a plain "Post update" and posting is refused in words, next to the checkbox
        await page.getByLabel('Take over this incident and post this update').uncheck();
        await page.getByRole('button', { name: 'Post update', exact: true }).click();
        await page
          .locator('.field-error', { hasText: 'Tick this to take the incident over' })
          .waitFor({ timeout: 5000 });
        await page.getByLabel('Take over this incident and post this update').check();

        await page.getByRole('button', { name: 'Take over and post update' }).click();
        await waitFor('two updates', async () => (await page.locator('#updates > li.update').count()) === 2, 10_000);
        await box.waitFor({ state: 'hidden' });
        assert.match(await page.locator('#incident-facts').innerText(), new RegExp(`taken over by ${OWNER.email}`));
        const stored = await site.pharos.store.getIncident(auto.id);
        assert.equal(stored?.takenOverBy, OWNER.email);
        assert.equal(stored?.status, 'identified');
        const actions = (await site.pharos.store.admin.listAudit({ limit: 20, targetId: auto.id })).map(
          (e) => e.action,
        );
        assert.ok(actions.includes('incident.take_over') && actions.includes('incident.update.create'), actions.join());
        assert.equal(await page.locator('#recovered-note').isVisible(), false, 'monitors still down');

        // the monitor recovers: the page says so (it polls) and offers to resolve
        target.healthy = true;
        const note = page.locator('#recovered-note');
        await note.waitFor({ state: 'visible', timeout: 20_000 });
        assert.match(await note.innerText(), /monitors of this incident are up again/);
        assert.equal((await site.pharos.store.getIncident(auto.id))?.resolvedAt, null, 'Pharos did not resolve it');
        await page.screenshot({ path: screenshotPath('incident-recovered-1280'), fullPage: true });
        await page.setViewportSize({ width: 375, height: 800 });
        await page.screenshot({ path: screenshotPath('incident-recovered-375'), fullPage: true });
        await page.setViewportSize({ width: 1280, height: 900 });

        await note.getByRole('button', { name: 'Resolve incident' }).click();
        await note.waitFor({ state: 'hidden', timeout: 10_000 });
        const resolved = await site.pharos.store.getIncident(auto.id);
        assert.ok(resolved?.resolvedAt, 'resolved');
        assert.equal(resolved?.status, 'resolved');
        assert.deepEqual(errors, []);
        await page.close();
      },
    );
  },
);
