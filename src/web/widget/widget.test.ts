import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import vm from 'node:vm';
import { statusModelFixture } from '../../../test/support/status-model-fixture.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { renderWidgetFrame } from './render-widget-frame.ts';
import { renderWidgetScript } from './render-widget-script.ts';

/** Just enough DOM for the widget script: elements with children, attributes and style, one shadow root. */
class FakeElement {
  children: FakeElement[] = [];
  attributes: Record<string, string> = {};
  style: Record<string, string> = {};
  textContent = '';
  parentNode: FakeElement | null = null;
  shadow: FakeElement | undefined;
  [key: string]: unknown;
  constructor(readonly tagName: string) {}
  get nextSibling(): FakeElement | null {
    const siblings = this.parentNode?.children ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attributes[name] = value;
  }
  appendChild(child: FakeElement) {
    child.parentNode = this;
    this.children.push(child);
    return child;
  }
  insertBefore(child: FakeElement, before: FakeElement | null) {
    child.parentNode = this;
    this.children.splice(before ? this.children.indexOf(before) : this.children.length, 0, child);
    return child;
  }
  attachShadow() {
    this.shadow = new FakeElement('#shadow');
    return this.shadow;
  }
}

function run(model: StatusModel, fetched: unknown) {
  const body = new FakeElement('body');
  const script = body.appendChild(new FakeElement('script'));
  body.appendChild(new FakeElement('p'));
  const requests: string[] = [];
  const context = vm.createContext({
    document: {
      currentScript: script,
      hidden: false,
      createElement: (tag: string) => new FakeElement(tag),
      querySelectorAll: () => [],
    },
    fetch: (url: string) => {
      requests.push(url);
      return Promise.resolve({ ok: true, json: () => Promise.resolve(fetched) });
    },
    setInterval: () => 0,
  });
  const globalsBefore = Object.keys(context).sort();
  vm.runInContext(renderWidgetScript(model), context);
  const host = body.children[1]!;
  const link = host.shadow!.children.find((c) => c.tagName === 'a')!;
  return { body, host, link, requests, globalsBefore, globalsAfter: () => Object.keys(context).sort() };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('widget.js', () => {
  test('parses and names the page and its status.json', () => {
    const script = renderWidgetScript(statusModelFixture());
    assert.doesNotThrow(() => new Function(script));
    assert.ok(script.includes('"url":"http://status.acme.test"'));
    assert.ok(script.includes('http://status.acme.test/api/v2/status.json'));
  });

  test('a page under a path asks its own status.json', () => {
    const base = statusModelFixture();
    const script = renderWidgetScript({
      ...base,
      page: { ...base.page, url: 'http://status.acme.test/internal', basePath: '/internal' },
    });
    assert.ok(script.includes('http://status.acme.test/internal/api/v2/status.json'));
  });

  test('inserts a link right after its script tag, then refreshes from status.json, leaking no globals', async () => {
    const w = run(statusModelFixture(), { status: { indicator: 'critical', description: 'Major System Outage' } });
    assert.equal(w.body.children.map((c) => c.tagName).join(','), 'script,span,p');
    assert.equal(w.link.href, 'http://status.acme.test');
    assert.equal(w.link.rel, 'noopener');
    const text = w.link.children[1]!;
    assert.equal(text.textContent, 'Partially Degraded Service');
    assert.equal(w.link.children[0]!.style.background, '#9a6700');
    assert.deepEqual(w.requests, ['http://status.acme.test/api/v2/status.json']);
    await flush();
    assert.equal(text.textContent, 'Major System Outage');
    assert.equal(w.link.children[0]!.style.background, '#cf222e');
    assert.equal(w.link.attributes['aria-label'], 'Acme Status: Major System Outage');
    assert.deepEqual(w.globalsAfter(), w.globalsBefore);
  });

  test('ignores a malformed answer', async () => {
    const w = run(statusModelFixture(), { status: { indicator: '__proto__' } });
    await flush();
    assert.equal(w.link.children[1]!.textContent, 'Partially Degraded Service');
  });

  test('hostile page names stay data', () => {
    const base = statusModelFixture();
    const script = renderWidgetScript({
      ...base,
      page: { ...base.page, name: '</script><script>alert(1)</script>\u2028' },
    });
    assert.doesNotMatch(script, /<\/script>|\u2028/);
    assert.doesNotThrow(() => new Function(script));
    const w = run({ ...base, page: { ...base.page, name: '</script>"' } }, null);
    assert.equal(w.link.title, '</script>": Partially Degraded Service');
  });
});

describe('widget frame', () => {
  test('a standalone, unindexed document without external resources', () => {
    const html = renderWidgetFrame(statusModelFixture());
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<meta name="robots" content="noindex">/);
    assert.doesNotMatch(html, /<script|<link|<img|src=|url\(|@import/i);
    assert.deepEqual(
      [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]),
      ['http://status.acme.test'],
    );
    assert.match(html, /Partially Degraded Service/);
    assert.match(html, /background:#9a6700/);
    assert.match(html, /prefers-color-scheme:dark/);
  });

  test('escapes the page name and refuses odd colours', () => {
    const base = statusModelFixture();
    const html = renderWidgetFrame({
      ...base,
      page: {
        ...base.page,
        name: '<img src=x onerror=alert(1)> & "co"',
        colors: { ...base.page.colors, degraded: 'red;}</style><script>' },
      },
    });
    assert.doesNotMatch(html, /<img|<\/style><script/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;co&quot;/);
    assert.match(html, /background:#9a6700/);
  });
});
