import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('page languages through the real server', () => {
  let dir: string;
  let pharos: RunningPharos;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-languages-'));
    const config = parseConfigText(
      `
title: Acme
storage: { url: "sqlite:${join(dir, 'p.db')}" }
components:
  - { id: web, name: Website, monitors: [web-check] }
monitors:
  - { id: web-check, type: tcp, host: 10.255.255.1, port: 1, interval: 1h }
pages:
  - slug: main
    title: Acme Status
    default: true
    language: auto
    languages: [en, de, ar]
    strings:
      de: { banner.noData: "Wir warten auf die ersten Prüfungen" }
  - { slug: intern, title: Acme Intern, language: de }
`,
      'languages.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  });
  after(async () => {
    await pharos?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('Accept-Language picks the German page; Vary and Content-Language say so; the override shows', async () => {
    const de = await get(pharos.url, '/', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' });
    assert.equal(de.status, 200);
    assert.match(de.body, /<html lang="de" /);
    assert.match(de.body, /Wir warten auf die ersten Prüfungen/);
    assert.match(de.body, /Komponenten/);
    assert.doesNotMatch(de.body, /No data yet|Components|Subscribe|Powered by/);
    assert.equal(de.headers['content-language'], 'de');
    assert.match(String(de.headers.vary), /accept-language/);
    assert.match(String(de.headers.vary), /cookie/);
    assert.match(String(de.headers['cache-control']), /^public/);

    const en = await get(pharos.url, '/', { 'accept-language': 'fr, en;q=0.5' });
    assert.match(en.body, /<html lang="en" /);
    assert.match(en.body, /No data yet/);
    assert.notEqual(en.headers.etag, de.headers.etag, 'each language is its own cached variant');
    const again = await get(pharos.url, '/', { 'accept-language': 'de' });
    assert.equal(again.headers.etag, de.headers.etag, 'the German variant is rendered once per snapshot');
    const revalidated = await get(pharos.url, '/', {
      'accept-language': 'de',
      'if-none-match': String(de.headers.etag),
    });
    assert.equal(revalidated.status, 304);
  });

  test('?lang= shows the choice, keeps it in a cookie, and is not kept by shared caches; the cookie then decides', async () => {
    const chosen = await get(pharos.url, '/?lang=ar', { 'accept-language': 'de' });
    assert.match(chosen.body, /<html lang="ar" [^>]*dir="rtl"/);
    assert.match(String(chosen.headers['set-cookie']), /^pharos_lang=ar; Path=\/; Max-Age=31536000; SameSite=Lax/);
    assert.equal(chosen.headers['cache-control'], 'private, no-store');
    const byCookie = await get(pharos.url, '/history', { cookie: 'a=b; pharos_lang=ar', 'accept-language': 'de' });
    assert.match(byCookie.body, /<html lang="ar" /);
    assert.match(byCookie.body, /سجل الحوادث/);
    const notAllowed = await get(pharos.url, '/?lang=ja', { 'accept-language': 'de' });
    assert.match(notAllowed.body, /<html lang="de" /);
    assert.equal(notAllowed.headers['set-cookie'], undefined);
  });

  test('the switcher lists the page languages in their own names', async () => {
    const page = await get(pharos.url, '/', { 'accept-language': 'de' });
    assert.match(page.body, /<nav class="langs" aria-label="Sprache">/);
    assert.match(page.body, /<a href="\?lang=de" hreflang="de" lang="de" aria-current="true">Deutsch<\/a>/);
    assert.match(page.body, /<a href="\?lang=ar" hreflang="ar" lang="ar">العربية<\/a>/);
  });

  test('a page with one language varies on nothing but the encoding and shows no switcher', async () => {
    const page = await get(pharos.url, '/intern', { 'accept-language': 'en', cookie: 'pharos_lang=en' });
    assert.match(page.body, /<html lang="de" /);
    assert.equal(page.headers.vary, 'accept-encoding');
    assert.doesNotMatch(page.body, /class="langs"/);
  });

  test('Statuspage JSON stays English (API values) whatever the language; feeds and badges follow it', async () => {
    const status = await get(pharos.url, '/api/v2/status.json', { 'accept-language': 'de' });
    assert.equal((JSON.parse(status.body) as { status: { description: string } }).status.description, 'No data yet');
    assert.equal(status.headers['content-language'], undefined);
    const rss = await get(pharos.url, '/history.rss', { 'accept-language': 'de' });
    assert.match(rss.body, /<language>de<\/language>/);
    assert.match(rss.body, /Störungsverlauf/);
    const badge = await get(pharos.url, '/badge/web/uptime.svg', { 'accept-language': 'de' });
    assert.match(badge.body, /Verfügbarkeit 30d/);
    const widget = await get(pharos.url, '/widget', { cookie: 'pharos_lang=ar' });
    assert.match(widget.body, /<html lang="ar" dir="rtl">/);
  });
});
