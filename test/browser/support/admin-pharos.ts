import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newSecret } from '../../../src/auth/secret-token.ts';
import { parseConfigText } from '../../../src/config/load-config.ts';
import { createLogger } from '../../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../../src/runtime/start-pharos.ts';

export const OWNER = { email: 'owner@example.test', password: 'correct horse battery staple' } as const;

export interface AdminPharos {
  pharos: RunningPharos;
  url: string;
  close(): Promise<void>;
}

/**
 * A real Pharos on a temp SQLite file (port 0) with its owner created through the one-time setup route, as the
 * setup link would: a setup token in the store, then POST /api/v1/setup.
 */
export async function startAdminPharos(yaml: string): Promise<AdminPharos> {
  const dir = await mkdtemp(join(tmpdir(), 'pharos-admin-'));
  const config = parseConfigText(
    `title: Acme Status\nstorage: { url: "sqlite:${join(dir, 'p.db')}", batch_interval: 20ms }\nadmin: { setup_link: false }\n${yaml}`,
    'admin.yaml',
    {},
  );
  const pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  const { secret, hash } = newSecret('phsu_');
  await pharos.store.admin.createSetupToken(hash, Date.now() + 600_000);
  const res = await fetch(`${pharos.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: secret, name: 'Olive Owner', ...OWNER }),
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  return {
    pharos,
    url: pharos.url,
    async close() {
      await pharos.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form (mouse-free: fill and press Enter) and waits for the dashboard. */
export async function signIn(page: Page, url: string, next = ''): Promise<void> {
  await page.goto(`${url}/admin/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByLabel('Password').press('Enter');
  await page.waitForURL((u) => u.pathname === (next || '/admin'), { timeout: 10_000 });
}

/** Fails the test on any script error or CSP violation the page reports. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  return errors;
}
