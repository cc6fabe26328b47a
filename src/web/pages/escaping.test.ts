import assert from 'node:assert/strict';
import { test } from 'node:test';
import { faviconSvg } from '../assets/index.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { statusModelFixture } from '../../../test/support/status-model-fixture.ts';
import { renderHistoryPage } from './history-page.ts';
import { renderIncidentPage } from './incident-page.ts';
import { renderMaintenancePage } from './maintenance-page.ts';
import { renderStatusPage } from './status-page.ts';

const EVIL = `<script>alert(1)</script>"><img src=x onerror=alert(2)>'`;

/** The fixture with a hostile string in every text the model carries. */
function hostileModel(basePath = ''): StatusModel {
  const base = statusModelFixture();
  return {
    ...base,
    page: {
      ...base.page,
      name: `Name ${EVIL}`,
      slug: basePath.slice(1),
      basePath,
      description: `Description ${EVIL}`,
      logo: `javascript:alert(3)`,
      favicon: `"><script>alert(4)</script>`,
      colors: { ...base.page.colors, brand: `red;}</style><script>alert(5)</script>` },
      footer: [
        { label: `Footer ${EVIL}`, url: 'https://acme.test/?a=1&b="2"' },
        { label: 'Bad link', url: 'javascript:alert(6)' },
      ],
    },
    components: base.components.map((c) => ({
      ...c,
      name: `${c.name} ${EVIL}`,
      description: `Desc ${EVIL}`,
      group: c.group && `${c.group} ${EVIL}`,
    })),
    incidents: base.incidents.map((i) => ({
      ...i,
      name: `${i.name} ${EVIL}`,
      updates: i.updates.map((u) => ({ ...u, body: `${u.body} ${EVIL} [x](javascript:alert(7))` })),
    })),
    maintenances: base.maintenances.map((w) => ({ ...w, title: `${w.title} ${EVIL}`, body: `${w.body} ${EVIL}` })),
  };
}

function allPages(model: StatusModel): [string, string][] {
  return [
    ['status', renderStatusPage(model)],
    ['history', renderHistoryPage(model, '2026-11')],
    ['incident', renderIncidentPage(model, 'inc000000001')!],
    ['open incident', renderIncidentPage(model, 'inc000000002')!],
    ['maintenance', renderMaintenancePage(model, 'db-upgrade')!],
  ];
}

for (const [name, out] of allPages(hostileModel())) {
  test(`${name} page: no model string reaches the HTML unescaped`, () => {
    assert.doesNotMatch(out, /<script>alert/);
    assert.doesNotMatch(out, /<img src=x/);
    // text may mention anything; tags may not carry handlers or script URLs
    for (const tag of out.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      const names = tag.replace(/"[^"]*"/g, '""');
      assert.doesNotMatch(names, /\son\w+\s*=/i, tag);
      assert.doesNotMatch(names, /'/, tag);
      assert.doesNotMatch(tag, /\s(href|src)="\s*javascript:/i, tag);
    }
    assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&#39;'));
    // the only <script> elements are the page's own
    for (const tag of out.match(/<script[^>]*>/g) ?? [])
      assert.match(
        tag,
        /^<script (src="\/assets\/pharos\.[0-9a-f]{12}\.js" defer|type="application\/json" id="incident-names")>$/,
      );
  });
}

test('the incident names JSON escapes < so that a name cannot end the script element', () => {
  const out = renderStatusPage(hostileModel());
  const json = /<script type="application\/json" id="incident-names">(.*?)<\/script>/.exec(out)![1]!;
  assert.doesNotMatch(json, /</);
  assert.equal((JSON.parse(json) as Record<string, string>)['inc000000001'], `Checkout is down ${EVIL}`);
});

test('unsafe logo, favicon, colours and footer URLs are dropped, not escaped into place', () => {
  const out = renderStatusPage(hostileModel());
  assert.doesNotMatch(out, /<img class="logo"/);
  // the unsafe favicon is dropped: Pharos's own icon stands in
  assert.deepEqual(out.match(/<link rel="icon"[^>]*>/g), [
    '<link rel="icon" type="image/svg+xml" href="' + faviconSvg.path + '">',
  ]);
  assert.match(out, /--brand:#0969da;/);
  assert.match(out, /<li>Bad link<\/li>/);
  assert.match(out, /<a href="https:\/\/acme.test\/\?a=1&amp;b=&quot;2&quot;">/);
});

for (const [name, out] of allPages(hostileModel('/acme'))) {
  test(`${name} page: every internal link is under the page's basePath`, () => {
    assert.match(out, /data-base="\/acme"/);
    const hrefs = [...out.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
    assert.ok(hrefs.length > 5);
    for (const href of hrefs)
      assert.match(href, /^(\/acme(\/|$)|\/assets\/(pharos|favicon)\.|https?:\/\/|#main$)/, href);
    assert.ok(hrefs.includes('/acme'), 'home link');
    assert.ok(hrefs.includes('/acme/history.rss'));
    assert.ok(hrefs.some((h) => h.startsWith('/acme/history')));
  });
}

test('the status page links incidents and maintenance under the basePath', () => {
  const out = renderStatusPage(hostileModel('/acme'));
  assert.match(out, /href="\/acme\/incidents\/inc000000002"/);
  assert.match(out, /href="\/acme\/maintenance\/db-upgrade"/);
});
