import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from './render-markdown.ts';
import { XSS_VECTORS } from './xss-vectors.ts';

/** Attribute text as a browser reads it: entities decoded, so that `javascript&#58;` counts as `javascript:`. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function tagsOf(out: string): string[] {
  return out.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

test('at least 30 XSS vectors are covered', () => {
  assert.ok(XSS_VECTORS.length >= 30);
});

for (const vector of XSS_VECTORS) {
  test(`neutralises ${JSON.stringify(vector)}`, () => {
    const out = renderMarkdown(vector);
    for (const element of [
      'script',
      'iframe',
      'svg',
      'img',
      'object',
      'embed',
      'style',
      'math',
      'meta',
      'base',
      'link',
      'form',
      'input',
      'body',
    ]) {
      assert.doesNotMatch(out, new RegExp(`<${element}[\\s>/]`, 'i'), `raw <${element}> in ${out}`);
    }
    for (const tag of tagsOf(out)) {
      const decoded = decodeEntities(tag).replace(/[\t\n\r]/g, '');
      assert.doesNotMatch(decoded, /\son\w+\s*=/i, `event handler in ${tag}`);
      assert.doesNotMatch(decoded, /javascript:|vbscript:|data:/i, `script URL in ${tag}`);
      assert.doesNotMatch(decoded, /style\s*=/i, `style attribute in ${tag}`);
      assert.match(
        tag,
        /^<(p|a|h[4-6]|strong|em|code|pre|ul|ol|li|blockquote|hr|br|table|thead|tbody|tr|th|td|del|s)[\s>]/,
        `unexpected tag ${tag}`,
      );
    }
    for (const [, href] of out.matchAll(/href="([^"]*)"/g)) {
      assert.match(decodeEntities(href!), /^(https?:\/\/[a-z0-9]|mailto:)/i, `href ${href}`);
    }
  });
}

test('links keep web and mail schemes and get rel="nofollow noopener noreferrer"', () => {
  const out = renderMarkdown('[docs](https://example.com/a?b=1) <mailto:ops@example.com> https://example.org');
  assert.match(out, /<a href="https:\/\/example\.com\/a\?b=1" rel="nofollow noopener noreferrer">docs<\/a>/);
  assert.match(out, /<a href="mailto:ops@example\.com" rel="nofollow noopener noreferrer">/);
  assert.match(out, /<a href="https:\/\/example\.org" rel="nofollow noopener noreferrer">/);
});

test('protocol-relative and relative links are dropped', () => {
  for (const link of ['[x](//evil.test)', '[x](/incidents/abc)', '[x](\\\\evil.test)', '[x](https:evil.test)']) {
    assert.doesNotMatch(renderMarkdown(link), /<a /, link);
  }
});

test('images are not rendered', () => {
  assert.doesNotMatch(renderMarkdown('![logo](https://example.com/x.png)'), /<img/);
});

test('headings are demoted below the page headings', () => {
  const out = renderMarkdown('# One\n\n## Two\n\n### Three\n\n#### Four');
  assert.match(out, /<h4>One<\/h4>/);
  assert.match(out, /<h5>Two<\/h5>/);
  assert.match(out, /<h6>Three<\/h6>/);
  assert.match(out, /<h6>Four<\/h6>/);
  assert.doesNotMatch(out, /<h[1-3][\s>]/);
});

test('ordinary Markdown still renders', () => {
  const out = renderMarkdown('Checkout returns **HTTP 503**: `[STATUS] == 200`\n\n- one\n- two');
  assert.match(out, /<strong>HTTP 503<\/strong>/);
  assert.match(out, /<code>\[STATUS\] == 200<\/code>/);
  assert.match(out, /<ul>\n<li>one<\/li>/);
});
