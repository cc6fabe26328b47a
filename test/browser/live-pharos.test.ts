import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor } from '../support/wait-for.ts';
import { launchBrowser, skipWithoutBrowser } from './support/browser.ts';

describe('the real Pharos page in Chromium', { skip: skipWithoutBrowser(), timeout: 60_000 }, () => {
  let browser: Browser;
  let dir: string;
  let target: SwitchableTarget;
  let pharos: RunningPharos;

  before(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'pharos-live-'));
    target = await startSwitchableTarget();
    const config = parseConfigText(
      `
title: Live Status
storage: { url: "sqlite:${join(dir, 'p.db')}", batch_interval: 20ms }
components:
  - { id: api, name: Public API, group: Backend, monitors: [api-check] }
monitors:
  - { id: api-check, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms, failure_threshold: 1 }
`,
      'live.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  });
  after(async () => {
    await browser?.close();
    await pharos?.close();
    await target?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test(
    'a component going down shows on an open page within 2 s of the change, without a reload',
    { timeout: 30_000 },
    async () => {
      await waitFor('api up', () => pharos.board.stateOf('api-check').status === 'up', 5000);
      const page = await browser.newPage();
      await page.goto(pharos.url);
      await page.locator('[role=status]', { hasText: 'All Systems Operational' }).waitFor({ timeout: 5000 });
      await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same document'));
      target.healthy = false;
      await waitFor(
        'the component to go down',
        () => pharos.board.components.get('api')?.status === 'major_outage',
        5000,
        5,
      );
      const changedAt = Date.now();
      await page.locator('[role=status]', { hasText: /Major|Outage/i }).waitFor({ timeout: 2000 });
      const delay = Date.now() - changedAt;
      assert.ok(delay < 2000, `shown after ${delay} ms`);
      assert.equal(
        await page.evaluate(() => (window as unknown as { marker?: string }).marker),
        'same document',
        'no reload',
      );
      assert.ok(
        await page.getByText('Public API is returning errors').first().isVisible(),
        'the automatic incident is on the page',
      );
      await page.close();
    },
  );
});
