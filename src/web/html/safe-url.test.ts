import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeCssColor, safeImageUrl, safeLinkUrl } from './safe-url.ts';

test('safeLinkUrl keeps web, mail and same-site links only', () => {
  const rows: [string, string | undefined][] = [
    ['https://acme.test/a', 'https://acme.test/a'],
    ['http://acme.test', 'http://acme.test'],
    ['mailto:ops@acme.test', 'mailto:ops@acme.test'],
    ['/history', '/history'],
    [' https://acme.test ', 'https://acme.test'],
    ['javascript:alert(1)', undefined],
    ['JavaScript:alert(1)', undefined],
    ['//evil.test', undefined],
    ['/\\evil.test', undefined],
    ['https:/\\evil.test', undefined],
    ['data:text/html,x', undefined],
    ['relative/path', undefined],
  ];
  for (const [url, expected] of rows) assert.equal(safeLinkUrl(url), expected, url);
});

test('safeImageUrl also allows inline data images but not other data', () => {
  assert.equal(safeImageUrl('data:image/png;base64,iVBO'), 'data:image/png;base64,iVBO');
  assert.equal(safeImageUrl('data:text/html;base64,PHNj'), undefined);
  assert.equal(safeImageUrl('javascript:alert(1)'), undefined);
  assert.equal(safeImageUrl(null), undefined);
});

test('safeCssColor accepts colour values and refuses anything that could leave the declaration', () => {
  const rows: [string, string][] = [
    ['#0969da', '#0969da'],
    ['rebeccapurple', 'rebeccapurple'],
    ['rgb(1, 2, 3)', 'rgb(1, 2, 3)'],
    ['hsl(210 50% 40% / 0.5)', 'hsl(210 50% 40% / 0.5)'],
    ['red;}body{display:none', '#000'],
    ['</style><script>alert(1)</script>', '#000'],
    ['url(javascript:alert(1))', '#000'],
  ];
  for (const [value, expected] of rows) assert.equal(safeCssColor(value, '#000'), expected, value);
});
