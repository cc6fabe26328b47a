import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html } from '../web/html/html.ts';
import { resolvePageLanguages } from './page-languages.ts';
import { Translator, translatorFor } from './translator.ts';

test('t() formats plurals and selects in the language; html() escapes text and keeps Html values', () => {
  const de = new Translator('de');
  assert.equal(de.t('components.count', { count: 1 }), '1 Komponente');
  assert.equal(de.t('components.count', { count: 3 }), '3 Komponenten');
  const en = new Translator('en');
  assert.equal(en.t('banner.allOperational'), 'All Systems Operational');
  assert.equal(en.html('banner.updated', { time: html`<time>x</time>` }).text, 'Updated <time>x</time>');
  assert.equal(en.html('incidents.affects', { components: '<b>&' }).text, 'Affects &lt;b&gt;&amp;');
  assert.equal(new Translator('ar').dir, 'rtl');
  assert.equal(de.dir, 'ltr');
});

test("overrides replace a message for every language or for one; the rest stays the catalog's", () => {
  const languages = resolvePageLanguages(
    { strings: { 'banner.allOperational': 'Everything is fine' } },
    { language: 'auto', languages: ['en', 'de'], strings: { de: { 'banner.allOperational': 'Alles gut' } } },
  );
  assert.deepEqual([languages.default, languages.allowed, languages.negotiate], ['en', ['en', 'de'], true]);
  const en = translatorFor('en', languages.strings.get('en'));
  const de = translatorFor('de', languages.strings.get('de'));
  assert.equal(en.t('banner.allOperational'), 'Everything is fine');
  assert.equal(de.t('banner.allOperational'), 'Alles gut');
  assert.equal(de.t('banner.noData'), 'Noch keine Daten');
  assert.equal(translatorFor('de', languages.strings.get('de')), de, 'one translator per language and overrides');
});

test('resolvePageLanguages: the page over the top level; a fixed language with a switcher', () => {
  const rows: [Parameters<typeof resolvePageLanguages>, string, string[], boolean][] = [
    [[undefined, undefined], 'en', ['en'], false],
    [[{ language: 'de' }, undefined], 'de', ['de'], false],
    [[{ language: 'de' }, { language: 'ar' }], 'ar', ['ar'], false],
    [[undefined, { language: 'de', languages: ['en', 'de'] }], 'de', ['de', 'en'], false],
    [[{ languages: ['ja', 'en'] }, { language: 'auto' }], 'ja', ['ja', 'en'], true],
  ];
  for (const [args, def, allowed, negotiate] of rows) {
    const r = resolvePageLanguages(...args);
    assert.deepEqual([r.default, r.allowed, r.negotiate], [def, allowed, negotiate], JSON.stringify(args));
  }
});

test('right to left: text placeholders are Unicode isolates ("32 ms" keeps its order in Hebrew); selects still choose', () => {
  const he = new Translator('he');
  assert.equal(he.t('latency.now', { value: '32 ms' }), 'ממוצע \u206832 ms\u2069, 24 שעות');
  assert.equal(
    he.t('uptime.summary', { component: 'Public API', measured: 'none', percent: '' }),
    '\u2068Public API\u2069: אין נתונים עדיין ב-90 הימים האחרונים',
  );
  assert.equal(
    he.html('banner.updated', { time: html`<time>x</time>` }).text.includes('\u2068<time>x</time>\u2069'),
    true,
  );
  const en = new Translator('en');
  assert.equal(en.t('latency.now', { value: '32 ms' }), '32 ms avg, 24 h', 'left to right: as written');
});
