import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { StatusModel } from '../../../src/http/public/status-model.ts';
import { launchBrowser } from './browser.ts';
import { startSiteServer, type SiteServer } from './site-server.ts';

/** One Chromium and one site server for a describe block, started before its tests and closed after them. */
export function useBrowserAndSite(model: () => StatusModel): { browser: Browser; server: SiteServer } {
  const ctx = {} as { browser: Browser; server: SiteServer };
  before(async () => {
    [ctx.browser, ctx.server] = await Promise.all([launchBrowser(), startSiteServer(model())]);
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
