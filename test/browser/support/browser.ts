import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM_PATH = process.env['PHAROS_CHROMIUM'] ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Why browser tests are skipped, or false when they can run. In CI (CI=true) they never skip: .ci/run installs
 * Chromium, so a missing browser is a failure there, not a silent pass.
 */
export function skipWithoutBrowser(): string | false {
  if (browserAvailable()) return false;
  if (process.env['CI'] === 'true')
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: .ci/run should have installed it`);
  return `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    timeout: 15_000,
  });
}
