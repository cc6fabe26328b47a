import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { waitFor } from '../support/wait-for.ts';
import { startAdminPharos, collectPageErrors, signIn, type AdminPharos } from './support/admin-pharos.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';

describe(
  'admin UI: an incident written in the browser reaches the public page',
  { skip: skipWithoutBrowser(), timeout: 90_000 },
  () => {
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

    test(
      'sign in, compose an incident with a preview, post and edit updates, see them on /',
      { timeout: 60_000 },
      async () => {
        const page = await browser.newPage();
        const errors = collectPageErrors(page);

        // an unauthenticated visit goes to the sign-in page and comes back afterwards
        await page.goto(`${site.url}/admin/incidents`);
        await page.waitForURL((u) => u.pathname === '/admin/login', { timeout: 5000 });
        await signIn(page, site.url, '/admin/incidents');
        await page.getByRole('link', { name: 'New incident' }).click();
        await page.waitForURL((u) => u.pathname === '/admin/incidents/new');

        // a server-side validation error is shown next to its field
        await page.getByLabel('Name').fill('   ');
        await page.getByRole('button', { name: 'Open incident' }).click();
        const nameField = page.getByLabel('Name');
        await page.locator('#f-name[aria-invalid="true"]').waitFor({ timeout: 5000 });
        assert.match((await nameField.getAttribute('aria-describedby')) ?? '', /f-name-error/);
        assert.ok(await page.locator('#f-name-error').isVisible());

        await nameField.fill('Elevated API errors');
        await page.getByLabel('Impact').selectOption('major');
        await page.getByLabel('Message').fill('We are **investigating** elevated error rates.');
        await page.locator('#f-body-preview strong', { hasText: 'investigating' }).waitFor({ timeout: 5000 });
        await page.getByLabel('Public API').selectOption('partial_outage');
        await page.getByRole('button', { name: 'Open incident' }).click();
        await page.waitForURL(
          (u) => /^\/admin\/incidents\/[a-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith('/new'),
          { timeout: 10_000 },
        );
        const incidentId = new URL(page.url()).pathname.split('/').pop()!;
        await page.locator('.incident-name', { hasText: 'Elevated API errors' }).waitFor();
        assert.equal(await page.locator('#updates > li.update').count(), 1);

        // second update from the incident page
        await page.getByLabel('Status', { exact: true }).selectOption('identified');
        await page.getByLabel('Message').fill('The cause is a bad deploy; rolling back.');
        await page.getByLabel('Website').selectOption('degraded_performance');
        await page.getByRole('button', { name: 'Post update' }).click();
        await waitFor(
          'two updates in the list',
          async () => (await page.locator('#updates > li.update').count()) === 2,
          5000,
        );

        // edit the first update's text
        await page
          .locator('#updates > li.update')
          .last()
          .getByRole('button', { name: /^Edit update/ })
          .click();
        await page.getByLabel('Edit the update text').fill('We are investigating elevated error rates on the API.');
        await page.getByRole('button', { name: 'Save update' }).click();
        await page.locator('#updates', { hasText: 'elevated error rates on the API' }).waitFor({ timeout: 5000 });

        const stored = await site.pharos.store.getIncident(incidentId);
        assert.equal(stored?.updates.length, 2);
        assert.equal(stored?.status, 'identified');
        assert.equal(stored?.impact, 'major');

        // the public page, in the same browser, shows the incident and both updates once the snapshot has rebuilt
        const pub = await browser.newPage();
        await waitFor(
          'the incident and both updates on the public page',
          async () => {
            await pub.goto(site.url + '/');
            const text = await pub.locator('main').innerText();
            return (
              text.includes('Elevated API errors') &&
              text.includes('elevated error rates on the API') &&
              text.includes('rolling back')
            );
          },
          10_000,
          200,
        );
        assert.match(await pub.locator('main').innerText(), /Website/);
        assert.deepEqual(errors, []);
        await pub.close();
        await page.close();
      },
    );
  },
);
