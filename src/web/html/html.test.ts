import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domId, escapeHtml, html, trustedHtml } from './html.ts';

test('escapeHtml escapes the five HTML specials', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

test('html escapes interpolated strings and numbers, keeps Html, joins arrays and drops falsy parts', () => {
  const inner = html`<b>${'<i>'}</b>`;
  const out = html`<p title="${'"x"'}">${inner}${['<', html`<br>`, 3]}${null}${undefined}${false}${trustedHtml('<hr>')}</p>`;
  assert.equal(out.text, '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;<br>3<hr></p>');
});

test('domId keeps safe characters and encodes the rest distinctly', () => {
  const rows: [string, string][] = [
    ['api', 'c-api'],
    ['db-1', 'c-db-1'],
    ['a b', 'c-a_wb'],
    ['a_b', 'c-a_2nb'],
  ];
  for (const [raw, expected] of rows) assert.equal(domId('c', raw), expected, raw);
  assert.notEqual(domId('c', 'a b'), domId('c', 'a_b'));
  assert.match(domId('g', '"><script>'), /^g-[A-Za-z0-9_-]+$/);
});
