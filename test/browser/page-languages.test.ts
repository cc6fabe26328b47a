import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { StatusModel } from '../../src/http/public/status-model.ts';
import { CATALOG_TAGS } from '../../src/i18n/catalogs.ts';
import { resolvePageLanguages } from '../../src/i18n/page-languages.ts';
import { statusModelFixture } from '../support/status-model-fixture.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';
import { startSiteServer, type SiteServer } from './support/site-server.ts';

/** Where the screenshots go, to be looked at (375 and 1280 px wide, each language). */
const SHOTS = '/tmp/i18n-shots';

/** Pharos's own English on the status page: none of it may be left on the German page. */
const ENGLISH = [
  'Partially Degraded Service',
  'Updated',
  'Active incidents',
  'impact',
  'Affects',
  'Identified',
  'Investigating',
  'In progress',
  'Scheduled',
  'Components',
  'components',
  'Operational',
  'Degraded performance',
  'Under maintenance',
  'uptime',
  'days ago',
  'Today',
  'Response time',
  'Recently resolved',
  'lasted',
  'View incident history',
  'Subscribe',
  'Email address',
  'Incident history',
  'RSS feed',
  'Powered by',
  'History',
  'Skip to content',
];

function modelIn(locale: string): StatusModel {
  const base = statusModelFixture();
  const languages = resolvePageLanguages(undefined, {
    language: 'auto',
    languages: ['en', 'de', 'ja', 'ar'].filter((t) => CATALOG_TAGS.includes(t)),
  });
  return { ...base, page: { ...base.page, locale, languages, subscribe: true } };
}

const LANGUAGES = [
  { tag: 'de', dir: null },
  { tag: 'ja', dir: null },
  { tag: 'ar', dir: 'rtl' },
] as const;

describe('translated status pages in a browser', { skip: skipWithoutBrowser(), timeout: 180_000 }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  for (const { tag, dir } of LANGUAGES) {
    const missing = !CATALOG_TAGS.includes(tag) && `no ${tag} catalog yet`;
    describe(tag, { skip: missing }, () => {
      let site: SiteServer;
      before(async () => {
        site = await startSiteServer(modelIn(tag));
      });
      after(async () => {
        await site?.close();
      });

      for (const width of [375, 1280]) {
        test(`${tag} at ${width} px: lang and dir, no English left, axe passes, nothing overflows`, async () => {
          const page = await browser.newPage({ viewport: { width, height: 900 }, locale: tag });
          await page.goto(site.url);
          await page.waitForSelector('.bar i[role="button"]', { state: 'attached' }); // pharos.js ran
          assert.equal(await page.getAttribute('html', 'lang'), tag);
          assert.equal(await page.getAttribute('html', 'dir'), dir);
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
          if (tag === 'de') {
            const text = await page.evaluate(() => document.body.innerText);
            const left = ENGLISH.filter((phrase) => new RegExp(`\\b${phrase}\\b`).test(text));
            assert.deepEqual(left, [], `English left on the ${tag} page`);
            const labels = await page.$$eval('.bar i[aria-label]', (cells) =>
              cells.map((c) => c.getAttribute('aria-label')),
            );
            assert.ok(
              labels.every((l) => !/uptime|no data|incident/.test(l ?? '')),
              String(labels.slice(-3)),
            );
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, describeViolations(violations));
          await page.screenshot({ path: `${SHOTS}/${tag}-${width}.png`, fullPage: true });
          // a day's tooltip, in the page's language
          const cell = page.locator('.bar >> nth=0 >> i >> nth=89');
          await cell.hover();
          await page.waitForFunction(() => document.getElementById('pharos-tip')?.hidden === false);
          const tip = await page.textContent('#pharos-tip');
          assert.doesNotMatch(tip ?? '', /uptime|No data/);
          await page.screenshot({ path: `${SHOTS}/${tag}-${width}-tooltip.png` });
          await page.close();
        });
      }
    });
  }
});
