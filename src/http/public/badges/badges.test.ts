import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { statusModelFixture } from '../../../../test/support/status-model-fixture.ts';
import type { StatusModel } from '../status-model.ts';
import { BADGE_COLORS, uptimeColor, wantsDarkText } from './badge-colors.ts';
import { renderBadge } from './render-badge.ts';
import {
  renderResponseTimeBadge,
  renderStatusBadge,
  renderUptimeBadge,
  shownPercent,
} from './render-component-badges.ts';
import { verdanaWidth } from './verdana-widths.ts';

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (n) => ['rect', 'text'].includes(n),
});

function parse(svg: string | undefined): Node {
  assert.ok(svg !== undefined);
  assert.equal(XMLValidator.validate(svg), true);
  return (parser.parse(svg) as Node).svg as Node;
}
const width = (svg: string | undefined) => Number(parse(svg)['@width']);
const valueColor = (svg: string | undefined) => ((parse(svg).g as Node[])[0]!.rect as Node[])[1]!['@fill'];
const label = (svg: string | undefined) => String(parse(svg)['@aria-label']);

function withUptime(value: number | null): StatusModel {
  const model = statusModelFixture();
  const h = model.history.get('api')!;
  model.history.set('api', { ...h, uptime: { ...h.uptime, '30d': value } });
  return model;
}

describe('the flat badge', () => {
  test('is an accessible image with a title', () => {
    const svg = parse(renderBadge({ label: 'build', value: 'passing', color: '#4c1' }));
    assert.equal(svg['@role'], 'img');
    assert.equal(svg['@aria-label'], 'build: passing');
    assert.equal(svg.title, 'build: passing');
    assert.equal(svg['@height'], '20');
  });

  test('is about as wide as shields makes it', () => {
    // shields.io: "build" 37 + "passing" 51 = 88
    assert.ok(Math.abs(width(renderBadge({ label: 'build', value: 'passing', color: '#4c1' })) - 88) <= 2);
  });

  test('grows with its text', () => {
    const short = width(renderBadge({ label: 'api', value: 'up', color: '#4c1' }));
    const longer = width(renderBadge({ label: 'api', value: 'partial outage', color: '#4c1' }));
    const longest = width(renderBadge({ label: 'Public API gateway', value: 'partial outage', color: '#4c1' }));
    assert.ok(short < longer && longer < longest);
    assert.ok(verdanaWidth('WWW') > verdanaWidth('iii'));
    assert.ok(verdanaWidth('東京') >= 22);
  });

  test('escapes the label and value', () => {
    const svg = renderBadge({ label: '<script>&"\'', value: ']]>', color: '#4c1' });
    assert.doesNotMatch(svg, /<script|]]>/);
    assert.equal(label(svg), `<script>&"': ]]>`);
  });

  test('an empty label leaves only the value', () => {
    const svg = renderBadge({ label: '', value: 'operational', color: '#4c1' });
    assert.equal(label(svg), 'operational');
    assert.equal(((parse(svg).g as Node[])[1]!.text as unknown[]).length, 2);
  });

  test('dark text on light colours', () => {
    assert.equal(wantsDarkText(BADGE_COLORS.yellow), false);
    assert.equal(wantsDarkText('#fff'), true);
    assert.equal(wantsDarkText('#555'), false);
    assert.match(renderBadge({ label: 'a', value: 'b', color: '#ffffff' }), /fill="#333"/);
  });
});

describe('component badges', () => {
  const model = statusModelFixture();
  test('unknown component → undefined', () => {
    assert.equal(renderStatusBadge(model, 'nope'), undefined);
    assert.equal(renderUptimeBadge(model, 'nope', '24h'), undefined);
    assert.equal(renderResponseTimeBadge(model, 'nope', '24h'), undefined);
  });

  const statuses: [string, string, string][] = [
    ['website', 'Website: operational', model.page.colors.operational],
    ['api', 'Public API: degraded', model.page.colors.degraded],
    ['db', 'Database: maintenance', model.page.colors.maintenance],
  ];
  for (const [id, text, color] of statuses) {
    test(`status of ${id}`, () => {
      const svg = renderStatusBadge(model, id);
      assert.equal(label(svg), text);
      assert.equal(valueColor(svg), color);
    });
  }

  test('outages in their colours, label override and escaping', () => {
    const partial = {
      ...model,
      components: model.components.map((c) => ({ ...c, status: 'partial_outage' as const })),
    };
    assert.equal(label(renderStatusBadge(partial, 'api', { label: 'A & <B>' })), 'A & <B>: partial outage');
    assert.equal(valueColor(renderStatusBadge(partial, 'api')), model.page.colors.partial);
    const hostile = { ...model, page: { ...model.page, colors: { ...model.page.colors, operational: '"/><script>' } } };
    assert.equal(valueColor(renderStatusBadge(hostile, 'website')), BADGE_COLORS.grey);
  });

  const thresholds: [number | null, string, string][] = [
    [1, '100.00 %', BADGE_COLORS.brightgreen],
    [0.99999, '99.99 %', BADGE_COLORS.brightgreen],
    [0.999, '99.90 %', BADGE_COLORS.brightgreen],
    [0.9989, '99.89 %', BADGE_COLORS.green],
    [0.99, '99.00 %', BADGE_COLORS.green],
    [0.985, '98.50 %', BADGE_COLORS.yellowgreen],
    [0.96, '96.00 %', BADGE_COLORS.yellow],
    [0.9, '90.00 %', BADGE_COLORS.orange],
    [0.5, '50.00 %', BADGE_COLORS.red],
    [null, 'no data', BADGE_COLORS.grey],
  ];
  for (const [uptime, shown, color] of thresholds) {
    test(`uptime ${uptime} → ${shown}`, () => {
      const svg = renderUptimeBadge(withUptime(uptime), 'api', '30d');
      assert.equal(label(svg), `uptime 30d: ${shown}`);
      assert.equal(valueColor(svg), color);
    });
  }

  test('shownPercent never rounds up to 100', () => {
    assert.equal(shownPercent(0.999999), 99.99);
    assert.equal(shownPercent(0.9991), 99.91);
    assert.equal(uptimeColor(99.9), BADGE_COLORS.brightgreen);
  });

  test('uptime for a component without history is "no data"', () => {
    assert.match(label(renderUptimeBadge({ ...model, history: new Map() }, 'api', '90d')), /no data$/);
  });

  test('response time is the mean of the period', () => {
    const points = model.history.get('api')!.latency!['24h'];
    const mean = Math.round(points.reduce((s, p) => s + p.avgMs!, 0) / points.length);
    assert.equal(label(renderResponseTimeBadge(model, 'api', '24h')), `response time 24h: ${mean} ms`);
    assert.equal(valueColor(renderResponseTimeBadge(model, 'api', '24h')), BADGE_COLORS.brightgreen);
  });

  test('response time without latency (push-only) is "no data"', () => {
    assert.equal(label(renderResponseTimeBadge(model, 'batch', '7d')), 'response time 7d: no data');
  });

  test('response time over 90d has no series: "no data"', () => {
    assert.equal(label(renderResponseTimeBadge(model, 'api', '90d')), 'response time 90d: no data');
  });

  test('response time ignores empty buckets', () => {
    const m = statusModelFixture();
    const h = m.history.get('api')!;
    m.history.set('api', {
      ...h,
      latency: {
        ...h.latency!,
        '7d': [
          { t: 0, avgMs: null, p95Ms: null },
          { t: 1, avgMs: 1200, p95Ms: 2000 },
        ],
      },
    });
    const svg = renderResponseTimeBadge(m, 'api', '7d');
    assert.equal(label(svg), 'response time 7d: 1200 ms');
    assert.equal(valueColor(svg), BADGE_COLORS.orange);
  });
});
