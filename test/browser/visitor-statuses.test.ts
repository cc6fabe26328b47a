import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Incident } from '../../src/domain/incident.ts';
import type { ComponentHistory, ModelComponent, StatusModel } from '../../src/http/public/status-model.ts';
import { FIXTURE_NOW, statusModelFixture } from '../support/status-model-fixture.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { skipWithoutBrowser } from './support/browser.ts';
import { useBrowserAndSite } from './support/browser-and-site.ts';
import { screenshotPath } from './support/screenshots.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** 90 days without a single measurement: a component none of whose monitors has reported. */
function noHistory(): ComponentHistory {
  const today = Math.floor(FIXTURE_NOW / DAY) * DAY;
  return {
    days: Array.from({ length: 90 }, (_, k) => {
      const start = today - (89 - k) * DAY;
      return {
        day: new Date(start).toISOString().slice(0, 10),
        start,
        uptime: null,
        worst: 'no_data' as const,
        incidentIds: [],
        checks: 0,
        failures: 0,
      };
    }),
    uptime: { '24h': null, '7d': null, '30d': null, '90d': null },
    latency: null,
  };
}

const partialOutage: Incident = {
  id: 'inc000000009',
  name: 'Public API has a partial outage',
  status: 'investigating',
  impact: 'minor',
  source: 'auto',
  componentIds: ['api'],
  createdAt: FIXTURE_NOW - HOUR,
  updatedAt: FIXTURE_NOW - HOUR,
  resolvedAt: null,
  updates: [
    {
      id: 'upd000000009',
      incidentId: 'inc000000009',
      status: 'investigating',
      body: 'Part of Public API is not responding.',
      createdAt: FIXTURE_NOW - HOUR,
      affectedComponents: [{ componentId: 'api', oldStatus: 'operational', newStatus: 'partial_outage' }],
    },
  ],
};

/**
 * One page of five: operational components, one partly out, and two without data yet (a search monitor just
 * added, a nightly push job never pushed), one of them alone in its group.
 */
function mixedModel(): StatusModel {
  const base = statusModelFixture();
  const byId = new Map(base.components.map((c) => [c.id, c]));
  const components: ModelComponent[] = [
    byId.get('website')!,
    { ...byId.get('api')!, status: 'partial_outage' },
    byId.get('checkout')!,
    {
      ...byId.get('db')!,
      id: 'search',
      name: 'Search',
      description: 'Full-text search',
      status: 'operational',
      noData: true,
      group: 'Search',
    },
    { ...byId.get('batch')!, noData: true },
  ];
  const history = new Map(base.history);
  history.set('search', noHistory());
  history.set('batch', noHistory());
  return {
    ...base,
    components,
    history,
    incidents: [partialOutage, ...base.incidents.filter((i) => i.resolvedAt !== null)],
    maintenances: base.maintenances.filter((m) => m.start > FIXTURE_NOW),
  };
}

/** Where the screenshots looked at for the change are kept (besides test-artifacts/). */
const SHOTS = process.env['PHAROS_SHOTS_DIR'];

describe(
  'a page with operational, partly out and no-data components in Chromium',
  { skip: skipWithoutBrowser(), timeout: 120_000 },
  () => {
    const site = useBrowserAndSite(mixedModel);

    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [375, 1280]) {
        test(`${width} px, ${colorScheme}`, { timeout: 30_000 }, async () => {
          const page = await site.browser.newPage({ colorScheme, viewport: { width, height: 900 } });
          page.setDefaultTimeout(5_000);
          await page.goto(site.server.url);
          assert.equal(await page.locator('#banner-title').textContent(), 'Minor Service Outage');
          assert.equal(
            await page.locator('#active-title + article h3').textContent(),
            'Public API has a partial outage',
          );

          const nightly = page.locator('#c-batch');
          assert.equal(await nightly.getAttribute('data-status'), 'unknown');
          assert.equal(await nightly.locator('.cmp-h .st').textContent(), 'No data yet');
          const legend = await nightly.locator('.bar-l .up').innerText();
          assert.equal(legend.trim(), 'No data yet');
          assert.equal(await page.getByText('no data uptime').count(), 0);
          // a group whose only component has no data is "No data yet" too; the Backend group shows its partial outage
          assert.equal(await page.locator('#g-Search > summary .st').textContent(), 'No data yet');
          assert.equal(await page.locator('#g-Backend > summary .st').textContent(), 'Partial outage');

          // grey, not the operational green
          const grey = await nightly.locator('.cmp-h .st').evaluate((el) => getComputedStyle(el).color);
          const green = await page.locator('#c-checkout .cmp-h .st').evaluate((el) => getComputedStyle(el).color);
          assert.notEqual(grey, green);
          const [r, g, b] = grey.match(/\d+/g)!.map(Number);
          assert.ok(Math.max(r!, g!, b!) - Math.min(r!, g!, b!) < 40, `a grey, not ${grey}`);
          const cells = await nightly
            .locator('.bar i')
            .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
          assert.equal(new Set(cells).size, 1, 'every day of a component without data is the no-data grey');

          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, describeViolations(violations));
          await page.evaluate(() =>
            document.querySelectorAll<HTMLDetailsElement>('details.rt').forEach((d) => (d.open = false)),
          );
          const shot = screenshotPath(`visitor-statuses-${width}-${colorScheme}`);
          await page.screenshot({ path: shot, fullPage: true });
          if (SHOTS) {
            mkdirSync(SHOTS, { recursive: true });
            copyFileSync(shot, `${SHOTS}/public-page-${width}-${colorScheme}.png`);
          }
          await page.close();
        });
      }
    }
  },
);

describe(
  'a fresh page where no component has data yet, in Chromium',
  { skip: skipWithoutBrowser(), timeout: 60_000 },
  () => {
    const site = useBrowserAndSite(() => {
      const model = mixedModel();
      return {
        ...model,
        components: model.components.map((c) => ({ ...c, status: 'operational' as const, noData: true })),
        history: new Map(model.components.map((c) => [c.id, noHistory()])),
        incidents: [],
      };
    });

    for (const [width, colorScheme] of [
      [375, 'dark'],
      [1280, 'light'],
    ] as const) {
      test(`grey "No data yet" banner, ${width} px, ${colorScheme}`, { timeout: 30_000 }, async () => {
        const page = await site.browser.newPage({ colorScheme, viewport: { width, height: 900 } });
        page.setDefaultTimeout(5_000);
        await page.goto(site.server.url);
        assert.equal(await page.locator('#banner-title').textContent(), 'No data yet');
        assert.equal(await page.locator('.banner').getAttribute('class'), 'banner b-n');
        const bg = await page.locator('.banner').evaluate((el) => getComputedStyle(el).backgroundColor);
        const [r, g, b] = bg.match(/\d+/g)!.map(Number);
        assert.ok(Math.max(r!, g!, b!) - Math.min(r!, g!, b!) < 40, `a grey banner, not ${bg}`);
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, describeViolations(violations));
        const shot = screenshotPath(`visitor-no-data-${width}-${colorScheme}`);
        await page.screenshot({ path: shot, fullPage: false });
        if (SHOTS) {
          mkdirSync(SHOTS, { recursive: true });
          copyFileSync(shot, `${SHOTS}/public-page-no-data-${width}-${colorScheme}.png`);
        }
        await page.close();
      });
    }
  },
);
