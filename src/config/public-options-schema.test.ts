import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from './config-error.ts';
import { parseConfigText } from './load-config.ts';

const BASE = 'title: Acme\nstorage: { url: "sqlite::memory:" }\n';

function problems(text: string): string[] {
  try {
    parseConfigText(BASE + text, 'pharos.yaml', {});
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.issues.map((i) => `${i.path} ${i.message}`);
  }
  return [];
}

test('public: errors hidden and Statuspage-like severity by default', () => {
  const config = parseConfigText(BASE + 'pages: [{ slug: s, title: S }]\n', 'pharos.yaml', {});
  assert.deepEqual(config.public, { hide_errors: true, severity: { critical_share: 0.5, major_share: 0.5 } });
  assert.equal(config.pages[0]!.public, undefined, "a page without public: takes the site's");
});

test("a page's public: overrides only what it names", () => {
  const config = parseConfigText(
    BASE +
      'public: { hide_errors: false }\npages: [{ slug: s, title: S, public: { severity: { critical_share: 0 } } }]\n',
    'pharos.yaml',
    {},
  );
  assert.equal(config.public.hide_errors, false);
  assert.deepEqual(config.pages[0]!.public, { severity: { critical_share: 0 } });
});

const bad: [string, RegExp][] = [
  ['public: { severity: { critical_share: 2 } }\n', /public\.severity\.critical_share/],
  ['public: { hide_errors: sometimes }\n', /public\.hide_errors/],
  ['public: { show_errors: true }\n', /public.*show_errors/],
  [
    'pages: [{ slug: s, title: S, public: { severity: { major_share: -1 } } }]\n',
    /pages\[0\]\.public\.severity\.major_share/,
  ],
];

for (const [text, field] of bad) {
  test(`refused, naming the field: ${text.trim()}`, () => {
    const found = problems(text);
    assert.ok(
      found.some((p) => field.test(p)),
      found.join('\n'),
    );
  });
}
