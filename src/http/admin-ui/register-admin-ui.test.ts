import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../config/load-config.ts';
import { createLogger } from '../../runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../runtime/start-pharos.ts';
import { adminCss, adminJs, ADMIN_SCRIPT_FILES } from '../../web/admin/admin-assets.ts';
import { newSecret } from '../../auth/secret-token.ts';
import { faviconSvg } from '../../web/assets/index.ts';
import { ADMIN_NAV } from '../../web/admin/admin-document.ts';
import { ADMIN_UI_PAGES } from './admin-ui-pages.ts';

describe('admin UI routes (app.inject on a real Pharos)', () => {
  let dir: string;
  let pharos: RunningPharos;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-admin-ui-'));
    const config = parseConfigText(
      `title: "Acme <Status>"\nstorage: { url: "sqlite:${join(dir, 'p.db')}" }\nadmin: { setup_link: false }\n`,
      'ui.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  });
  after(async () => {
    await pharos?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const concrete = (path: string): string => path.replace(':id', 'abc-123');

  for (const page of ADMIN_UI_PAGES) {
    test(`GET ${page.path}: 200 HTML with the admin CSP, linking the hashed assets`, async () => {
      const res = await pharos.app.inject({ method: 'GET', url: concrete(page.path) });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.ok(res.body.includes(`<link rel="stylesheet" href="${adminCss.path}">`));
      assert.ok(res.body.includes(`<script src="${adminJs.path}" defer></script>`));
      assert.doesNotMatch(
        res.body,
        /<script>|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/i,
        'no inline script or handler',
      );
      assert.ok(res.body.includes('Acme &lt;Status&gt;'), 'the title is escaped');
      assert.match(res.body, /<main id="main"/);
      assert.match(res.body, /<a class="skip" href="#main">/);
    });
  }

  for (const page of ADMIN_UI_PAGES) {
    test(`GET ${page.path}: every id is used once (labels point at one control)`, async () => {
      const res = await pharos.app.inject({ method: 'GET', url: concrete(page.path) });
      const ids = [...res.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      assert.deepEqual(twice, []);
    });
  }

  test('a favicon: linked from the admin and the public page, and /favicon.ico answers (no 404)', async () => {
    const admin = await pharos.app.inject({ method: 'GET', url: '/admin' });
    assert.ok(admin.body.includes(`<link rel="icon" type="image/svg+xml" href="${faviconSvg.path}">`));
    const icon = await fetch(`${pharos.url}${faviconSvg.path}`);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    assert.match(await icon.text(), /^<svg /);
    const ico = await fetch(`${pharos.url}/favicon.ico`);
    assert.equal(ico.status, 200);
    assert.equal(ico.headers.get('content-type'), 'image/svg+xml');
    let page = '';
    for (let i = 0; i < 100 && !page.includes('rel="icon"'); i++) {
      page = await (await fetch(`${pharos.url}/`)).text();
      if (!page.includes('rel="icon"')) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(page.includes(`<link rel="icon" type="image/svg+xml" href="${faviconSvg.path}">`));
  });

  test('the admin navigation: Account sits beside the name, not in the section list', async () => {
    const res = await pharos.app.inject({ method: 'GET', url: '/admin/account' });
    assert.ok(!ADMIN_NAV.some((n) => (n.href as string) === '/admin/account'));
    assert.ok(res.body.includes('<a href="/admin/account" aria-current="page">Account</a>'));
  });

  test('the assets are served by content hash with immutable caching; other hashes are 404', async () => {
    for (const asset of [adminCss, adminJs]) {
      const res = await pharos.app.inject({ method: 'GET', url: asset.path });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(res.headers['content-type'], asset.contentType);
      assert.equal(res.body, asset.body);
    }
    assert.equal(
      (await pharos.app.inject({ method: 'GET', url: '/admin/assets/admin.000000000000.js' })).statusCode,
      404,
    );
  });

  test('the script bundle holds every screen script and parses as one classic script', () => {
    for (const file of ADMIN_SCRIPT_FILES) assert.ok(adminJs.body.includes(`/* ${file} */`), file);
    assert.doesNotThrow(() => new Function(adminJs.body));
    assert.match(adminCss.body, /@media \(prefers-color-scheme: dark\)/);
    assert.match(adminCss.body, /@media print/);
  });

  test('the setup token and path ids are escaped or refused, never echoed raw', async () => {
    const setup = await pharos.app.inject({ method: 'GET', url: '/admin/setup?token=phsu_abcdefghijkl' });
    assert.ok(setup.body.includes('value="phsu_abcdefghijkl"'));
    assert.equal(setup.headers['cache-control'], 'no-store');
    const evil = await pharos.app.inject({ method: 'GET', url: '/admin/setup?token=%22%3E%3Cscript%3Ex' });
    assert.ok(!evil.body.includes('<script>x'));
    assert.ok(evil.body.includes('name="token" value=""'));
    assert.equal((await pharos.app.inject({ method: 'GET', url: '/admin/incidents/%3Cb%3E' })).statusCode, 404);
  });

  test('a used setup link says so and shows no form', async () => {
    const { secret, hash } = newSecret('phsu_');
    await pharos.store.admin.createSetupToken(hash, Date.now() + 600_000);
    const before = await pharos.app.inject({ method: 'GET', url: `/admin/setup?token=${secret}` });
    assert.ok(before.body.includes('id="setup-form"'));
    const made = await pharos.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token: secret, email: 'owner@example.test', password: 'correct horse battery staple' },
    });
    assert.equal(made.statusCode, 201, made.body);
    const after = await pharos.app.inject({ method: 'GET', url: `/admin/setup?token=${secret}` });
    assert.equal(after.statusCode, 200);
    assert.ok(!after.body.includes('<form'), 'no form');
    assert.match(after.body, /This setup link has been used/);
    assert.ok(after.body.includes('href="/admin/login"'));
  });
});
