import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedRanges, negotiateLocale, type LocaleHints, type PageLocales } from './negotiate-locale.ts';

const FIXED: PageLocales = { default: 'de', allowed: ['de'], negotiate: false };
const AUTO: PageLocales = { default: 'en', allowed: ['en', 'de', 'ja', 'zh-Hans', 'ar', 'pt'], negotiate: true };
const SWITCH: PageLocales = { default: 'de', allowed: ['de', 'en'], negotiate: false };

test('negotiateLocale: fixed pages, switcher choices, Accept-Language with q-values; only allowed tags', () => {
  const rows: [string, PageLocales, LocaleHints, string][] = [
    ['fixed ignores everything', FIXED, { query: 'en', cookie: 'en', acceptLanguage: 'en' }, 'de'],
    ['auto: first allowed range', AUTO, { acceptLanguage: 'fr-FR, de;q=0.9, en;q=0.8' }, 'de'],
    ['auto: q-values order ranges', AUTO, { acceptLanguage: 'en;q=0.5, ja;q=0.9' }, 'ja'],
    ['auto: region falls back to language', AUTO, { acceptLanguage: 'de-AT' }, 'de'],
    ['auto: pt-BR → pt', AUTO, { acceptLanguage: 'pt-BR,pt;q=0.9' }, 'pt'],
    ['auto: zh-CN → zh-Hans', AUTO, { acceptLanguage: 'zh-CN' }, 'zh-Hans'],
    ['auto: zh-TW has no catalog', AUTO, { acceptLanguage: 'zh-TW, ar;q=0.5' }, 'ar'],
    ['auto: case does not matter', AUTO, { acceptLanguage: 'ZH-hans' }, 'zh-Hans'],
    ['auto: q=0 means not this one', AUTO, { acceptLanguage: 'de;q=0, ja;q=0.1' }, 'ja'],
    ['auto: * is the default', AUTO, { acceptLanguage: 'fr, *;q=0.5, de;q=0.1' }, 'en'],
    ['auto: nothing matches', AUTO, { acceptLanguage: 'fr, it' }, 'en'],
    ['auto: no header', AUTO, {}, 'en'],
    ['auto: garbage header', AUTO, { acceptLanguage: ';;;,,,q=1,<script>' }, 'en'],
    ['query wins over cookie and header', AUTO, { query: 'ja', cookie: 'ar', acceptLanguage: 'de' }, 'ja'],
    ['cookie wins over header', AUTO, { cookie: 'ar', acceptLanguage: 'de' }, 'ar'],
    ['a query the page does not allow is ignored', AUTO, { query: 'fr', acceptLanguage: 'de' }, 'de'],
    ['a hostile query is ignored', AUTO, { query: '../../etc', cookie: 'x'.repeat(100) }, 'en'],
    ['switcher without auto: Accept-Language is not read', SWITCH, { acceptLanguage: 'en' }, 'de'],
    ['switcher without auto: the cookie is', SWITCH, { cookie: 'en', acceptLanguage: 'de' }, 'en'],
  ];
  for (const [name, page, hints, expected] of rows) assert.equal(negotiateLocale(page, hints), expected, name);
});

test('acceptedRanges: bounded, ordered by q then position, malformed entries dropped', () => {
  assert.deepEqual(acceptedRanges('da, en-gb;q=0.8, en;q=0.7'), ['da', 'en-gb', 'en']);
  assert.deepEqual(acceptedRanges('a;q=0.5, b, c;q=0.5'), ['b', 'a', 'c']);
  assert.deepEqual(acceptedRanges('de;q=2, en;q=-1, fr;q=abc, ja'), ['ja']);
  const hostile = Array.from({ length: 10_000 }, (_, i) => `x${i % 10}`).join(',');
  assert.ok(acceptedRanges(hostile).length <= 16);
  assert.deepEqual(acceptedRanges('x'.repeat(100_000)), []);
});
