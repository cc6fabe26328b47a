import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusModelFixture } from '../../../test/support/status-model-fixture.ts';
import { pharosCss, pharosJs } from '../assets/index.ts';
import { largeStatusModel } from '../../../test/browser/support/large-status-model.ts';
import { prepareComponentHistories } from './component-list.ts';
import { renderStatusPage } from './status-page.ts';

const page = renderStatusPage(statusModelFixture());

/** The part of the page between an element's opening tag (found by `marker`) and the next `end`. */
function slice(htmlText: string, marker: string, end: string): string {
  const start = htmlText.indexOf(marker);
  assert.ok(start >= 0, `missing ${marker}`);
  return htmlText.slice(start, htmlText.indexOf(end, start));
}

test('is a full document with the ETag placeholder, assets by hash, feeds and brand colours', () => {
  assert.match(page, /^<!doctype html>\n<html lang="en" data-etag="__PHAROS_ETAG__" data-base="">/);
  assert.ok(page.includes(`<link rel="stylesheet" href="${pharosCss.path}">`));
  assert.ok(page.includes(`<script src="${pharosJs.path}" defer></script>`));
  assert.match(page, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/history.rss">/);
  assert.match(page, /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/history.atom">/);
  assert.match(page, /--brand:#0969da;--s-o:#1a7f37;--s-d:#9a6700;--s-p:#bc4c00;--s-m:#cf222e;--s-u:#0969da/);
  assert.match(page, /<title>Acme Status<\/title>/);
  assert.match(page, /<h1><a class="brand" href="\/">/);
});

test('the banner shows the overall status as a live region', () => {
  const banner = slice(page, '<section class="banner', '</section>');
  assert.match(banner, /class="banner b-d" data-indicator="minor"/);
  assert.match(banner, /role="status"/);
  assert.match(banner, /Partially Degraded Service/);
});

test('active incidents list only unresolved ones, updates newest first with Markdown bodies', () => {
  const active = slice(page, 'id="active-title"', '</section>');
  assert.match(active, /<a href="\/incidents\/inc000000002">Elevated API latency<\/a>/);
  assert.doesNotMatch(active, /Checkout is down/);
  assert.ok(active.indexOf('Identified') < active.indexOf('Investigating'));
  assert.match(
    active,
    /<a href="https:\/\/example.com\/deploys\/42" rel="nofollow noopener noreferrer">being deployed<\/a>/,
  );
  assert.match(active, /<time datetime="2026-11-25T11:00Z">Nov 25, 2026, 11:00 UTC<\/time>/);
});

test('maintenance shows the window in progress, then the upcoming one', () => {
  const section = slice(page, 'id="mnt-title"', '</section>');
  assert.ok(section.indexOf('Database upgrade') < section.indexOf('Network maintenance'));
  assert.match(section, /In progress/);
  assert.match(section, /Scheduled/);
  assert.match(section, /href="\/maintenance\/db-upgrade"/);
  assert.match(section, /Writes may be <strong>slow<\/strong>/);
});

test('groups are open <details> showing their worst member; ungrouped components stand alone', () => {
  assert.match(page, /<li class="grp" data-status="operational"><details open id="g-Frontend">/);
  assert.match(page, /<li class="grp" data-status="degraded_performance"><details open id="g-Backend">/);
  assert.match(
    page,
    /<li class="cmp" id="c-batch" data-status="operational">\n<div class="cmp-h"><h3 class="cn">Nightly batch<\/h3>/,
  );
  assert.match(page, /<h4 class="cn">Database<\/h4><span class="st s-u">.*Under maintenance<\/span>/);
});

test('every component has a 90-cell uptime bar and its 90-day uptime', () => {
  const bars = [...page.matchAll(/<div class="bar" id="b-([a-z]+)"[^>]*>(.*?)<\/div>/g)];
  assert.deepEqual(
    bars.map((b) => b[1]),
    ['website', 'api', 'checkout', 'db', 'batch'],
  );
  for (const bar of bars) assert.equal(bar[2]!.match(/<i[ >]/g)?.length, 90, bar[1]);
  assert.match(page, /<i class=m data-u="98.61" data-i="inc000000001"><\/i>/);
  assert.match(page, /<span class="l90">99.71 % uptime<\/span>/);
  assert.match(
    page,
    /aria-label="Website: 99.71 % uptime over the last 90 days, 4 days with incidents" data-s="2026-08-28"/,
  );
  assert.match(
    page,
    /<script type="application\/json" id="incident-names">\{"inc000000001":"Checkout is down"\}<\/script>/,
  );
});

test('components with latency get three charts with title and description; push-only ones none', () => {
  const panels = [...page.matchAll(/<details class="rt" id="rt-([a-z]+)">/g)].map((m) => m[1]);
  assert.deepEqual(panels, ['website', 'api', 'checkout', 'db']);
  const api = slice(page, '<details class="rt" id="rt-api">', '</details>');
  for (const period of ['24h', '7d', '30d']) assert.match(api, new RegExp(`<figure class="chart c${period}">`));
  assert.match(api, /<input type="radio" name="rt-api" class="t24h" checked>/);
  assert.match(api, /<title>Response time of Public API, last 24 hours<\/title><desc>Average \d+ ms/);
  assert.match(api, /<path class="p95" d="M0 100V\d+l[-\d ]+V100Z"\/><path class="avg" d="M0 \d+l/);
});

test('recently resolved incidents link to their pages; the footer keeps the operator links and feeds', () => {
  assert.match(
    slice(page, 'id="recent-title"', '</section>'),
    /<a href="\/incidents\/inc000000001">Checkout is down<\/a>/,
  );
  const footer = slice(page, '<footer class="foot">', '</footer>');
  assert.match(footer, /<a href="https:\/\/acme.test">Acme<\/a>/);
  assert.match(footer, /href="\/history"/);
  assert.match(footer, /href="\/history.rss"/);
  assert.match(footer, /href="\/history.atom"/);
});

test('logo, favicon and custom CSS appear when set; custom CSS comes last and cannot close its element', () => {
  const base = statusModelFixture();
  const out = renderStatusPage({
    ...base,
    page: {
      ...base.page,
      logo: 'https://acme.test/logo.svg',
      favicon: '/favicon.png',
      customCss: '.banner{border-radius:0}</style><script>alert(1)</script>',
    },
  });
  assert.match(out, /<img class="logo" src="https:\/\/acme.test\/logo.svg" alt="Acme Status">/);
  assert.match(out, /<link rel="icon" href="\/favicon.png">/);
  assert.match(
    out,
    /<style id="custom-css">\.banner\{border-radius:0\}<\\\/style><script>alert\(1\)<\/script><\/style>/,
  );
  assert.ok(out.indexOf('id="custom-css"') > out.indexOf(pharosCss.path));
  assert.equal(out.match(/<\/style>/g)?.length, 2);
});

test('a quiet page says all is well and leaves out empty sections', () => {
  const base = statusModelFixture();
  const out = renderStatusPage({
    ...base,
    incidents: [],
    maintenances: [],
    components: base.components.map((c) => ({ ...c, status: 'operational' })),
  });
  assert.match(out, /All Systems Operational/);
  assert.doesNotMatch(out, /id="active-title"/);
  assert.doesNotMatch(out, /id="mnt-title"/);
  assert.match(out, /No incidents in the last 7 days/);
});

test('50 components × 90 days stay under 300 KB', () => {
  const out = renderStatusPage(largeStatusModel(50));
  assert.equal(out.match(/<div class="bar"/g)?.length, 50);
  assert.ok(Buffer.byteLength(out) < 300_000, `${Buffer.byteLength(out)} bytes`);
});

test('components prepared ahead (a few at a time) give the same page as one render', () => {
  const model = largeStatusModel(60);
  const whole = renderStatusPage(largeStatusModel(60));
  const ids = model.components.map((c) => c.id);
  for (let i = 0; i < ids.length; i += 25) prepareComponentHistories(model, ids.slice(i, i + 25));
  prepareComponentHistories(model, ['no-such-component']);
  assert.equal(renderStatusPage(model), whole);
});
