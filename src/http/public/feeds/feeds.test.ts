import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FIXTURE_NOW, statusModelFixture } from '../../../../test/support/status-model-fixture.ts';
import type { Incident } from '../../../domain/incident.ts';
import type { StatusModel } from '../status-model.ts';
import { manyIncidents } from '../statuspage/statuspage-scenarios.ts';
import { renderAtom } from './render-atom.ts';
import { renderRss } from './render-rss.ts';

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['item', 'entry', 'link'].includes(name),
});

function parse(xml: string): Node {
  assert.equal(XMLValidator.validate(xml), true);
  return parser.parse(xml) as Node;
}
const text = (v: unknown): string =>
  typeof v === 'object' && v !== null ? String((v as Node)['#text'] ?? '') : String(v ?? '');

const HOSTILE = `<script>alert("x")</script> ]]> & 'co' \u0001`;
function hostileModel(): StatusModel {
  const base = statusModelFixture();
  const [first, ...rest] = base.incidents;
  const evil: Incident = {
    ...first!,
    name: HOSTILE,
    updates: first!.updates.map((u) => ({ ...u, body: `${HOSTILE}\nsecond line` })),
  };
  return { ...base, page: { ...base.page, name: `Acme <b>&</b>` }, incidents: [evil, ...rest] };
}

const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('RSS 2.0', () => {
  const rss = () => parse(renderRss(statusModelFixture())).rss as Node;

  test('has the required channel and item elements', () => {
    const doc = rss();
    assert.equal(doc['@version'], '2.0');
    const channel = doc.channel as Node;
    assert.equal(channel.title, 'Acme Status - Incident History');
    assert.equal(text((channel.link as unknown[])[0]), 'http://status.acme.test');
    assert.equal(channel.description, 'Live status of Acme services');
    const self = channel['atom:link'] as Node[] | Node;
    assert.equal((Array.isArray(self) ? self[0]! : self)['@href'], 'http://status.acme.test/history.rss');
    const items = channel.item as Node[];
    assert.equal(items.length, 4);
    for (const item of items) {
      for (const field of ['title', 'link', 'guid', 'pubDate', 'description']) assert.ok(item[field], `item ${field}`);
      assert.match(String(item.pubDate), RFC822);
      assert.equal(text(item.guid), text((item.link as unknown[])[0]));
    }
  });

  test('items are newest first, one per incident and maintenance window, linked to their pages', () => {
    const items = (rss().channel as Node).item as Node[];
    assert.deepEqual(
      items.map((i) => i.title),
      ['Network maintenance', 'Database upgrade', 'Elevated API latency', 'Checkout is down'],
    );
    assert.deepEqual(
      items.map((i) => text((i.link as unknown[])[0])),
      [
        'http://status.acme.test/maintenance/net-work',
        'http://status.acme.test/maintenance/db-upgrade',
        'http://status.acme.test/incidents/inc000000002',
        'http://status.acme.test/incidents/inc000000001',
      ],
    );
    const dates = items.map((i) => Date.parse(String(i.pubDate)));
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => b - a),
    );
  });

  test('the description is the update timeline as HTML', () => {
    const items = (rss().channel as Node).item as Node[];
    const html = String(items[2]!.description);
    assert.match(html, /<strong>Identified<\/strong> - A database index is missing/);
    assert.ok(html.indexOf('Identified') < html.indexOf('Investigating'), 'newest update first');
    assert.match(html, /step one<br>- step two/);
    assert.match(html, /This incident affected: Public API\./);
    assert.match(String(items[1]!.description), /<strong>In progress<\/strong>/);
  });
});

describe('Atom 1.0', () => {
  const feed = () => parse(renderAtom(statusModelFixture())).feed as Node;

  test('has the required feed and entry elements', () => {
    const doc = feed();
    assert.equal(doc['@xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(doc.id, 'tag:status.acme.test,2005:/History');
    assert.equal(text(doc.title), 'Acme Status - Incident History');
    assert.match(String(doc.updated), RFC3339);
    const links = doc.link as Node[];
    assert.equal(links.find((l) => l['@rel'] === 'self')!['@href'], 'http://status.acme.test/history.atom');
    assert.equal((doc.author as Node).name, 'Acme Status');
    const entries = doc.entry as Node[];
    assert.equal(entries.length, 4);
    for (const entry of entries) {
      for (const field of ['id', 'title', 'updated', 'link', 'content']) assert.ok(entry[field], `entry ${field}`);
      assert.match(String(entry.updated), RFC3339);
      assert.equal((entry.content as Node)['@type'], 'html');
      assert.ok(String((entry.link as Node[])[0]!['@href']).startsWith('http://status.acme.test/'));
    }
    assert.equal(new Set(entries.map((e) => e.id)).size, 4);
    assert.equal(entries[2]!.id, 'tag:status.acme.test,2005:/Incident/inc000000002');
  });

  test('the feed is updated when its newest entry is', () => {
    const doc = feed();
    const newest = Math.max(...(doc.entry as Node[]).map((e) => Date.parse(String(e.updated))));
    assert.equal(Date.parse(String(doc.updated)), newest);
  });

  test('a page under a path keeps its own ids', () => {
    const base = statusModelFixture();
    const model = {
      ...base,
      page: { ...base.page, url: 'http://status.acme.test:8080/internal', basePath: '/internal' },
    };
    const doc = parse(renderAtom(model)).feed as Node;
    assert.equal(doc.id, 'tag:status.acme.test,2005::8080/internal/History');
    assert.equal(
      (doc.link as Node[]).find((l) => l['@rel'] === 'self')!['@href'],
      'http://status.acme.test:8080/internal/history.atom',
    );
  });
});

describe('both feeds', () => {
  const renderers = { rss: renderRss, atom: renderAtom };
  for (const [name, render] of Object.entries(renderers)) {
    test(`${name}: hostile text is escaped`, () => {
      const xml = render(hostileModel());
      assert.doesNotMatch(xml, /<script|<b>|\]\]>/);
      assert.ok(!xml.includes('\u0001'), 'characters XML forbids are dropped');
      const doc = parse(xml);
      const entries =
        name === 'rss' ? (((doc.rss as Node).channel as Node).item as Node[]) : ((doc.feed as Node).entry as Node[]);
      const evil = entries.find((e) => text(e.title).includes('script'))!;
      assert.equal(text(evil.title), HOSTILE.replace('\u0001', '').trim());
      const html = text(name === 'rss' ? evil.description : evil.content);
      assert.doesNotMatch(html, /<script/);
      assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; \]\]&gt; &amp; &apos;co&apos;/);
      assert.match(html, /<br>second line/);
    });

    test(`${name}: bounded to 50 entries`, () => {
      const xml = render(statusModelFixture({ incidents: manyIncidents(60) }));
      assert.equal((xml.match(name === 'rss' ? /<item>/g : /<entry>/g) ?? []).length, 50);
    });

    test(`${name}: empty page is still a valid feed`, () => {
      parse(render(statusModelFixture({ incidents: [], maintenances: [] })));
    });

    test(`${name}: stable between rebuilds when nothing changed`, () => {
      assert.equal(render(statusModelFixture({ builtAt: FIXTURE_NOW + 60_000 })), render(statusModelFixture()));
    });
  }
});
