import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusModelFixture } from '../../../test/support/status-model-fixture.ts';
import { isMonth, monthOf, monthRange, shiftMonth } from './history-month.ts';
import { renderHistoryPage } from './history-page.ts';

const model = statusModelFixture();

test('month helpers', () => {
  assert.equal(isMonth('2026-11'), true);
  for (const bad of ['2026-13', '2026-1', '26-11', '2026-11-01', '', '2026-00']) assert.equal(isMonth(bad), false, bad);
  assert.equal(monthOf(Date.UTC(2026, 10, 30, 23, 59)), '2026-11');
  assert.deepEqual(monthRange('2026-12'), [Date.UTC(2026, 11, 1), Date.UTC(2027, 0, 1)]);
  assert.equal(shiftMonth('2026-01', -1), '2025-12');
  assert.equal(shiftMonth('2026-12', 1), '2027-01');
});

test('incidents and maintenance of the month, grouped by day, newest first', () => {
  const out = renderHistoryPage(model, '2026-11');
  const days = [...out.matchAll(/<h3 id="d-(\d{4}-\d\d-\d\d)">/g)].map((m) => m[1]);
  assert.deepEqual(days, ['2026-11-27', '2026-11-25', '2026-11-22']);
  const nov25 = out.slice(out.indexOf('id="d-2026-11-25"'), out.indexOf('id="d-2026-11-22"'));
  assert.ok(nov25.indexOf('Database upgrade') < nov25.indexOf('Elevated API latency'), 'newest first within a day');
  assert.match(out, /<a href="\/incidents\/inc000000001">Checkout is down<\/a>/);
  assert.match(out, /<a href="\/maintenance\/net-work">Network maintenance<\/a>/);
  assert.match(out, /Resolved · <time[^>]*>Nov 22, 2026, 12:00 UTC<\/time> – <time[^>]*>12:25 UTC<\/time> · 25m/);
  assert.match(out, /<title>Incident history, November 2026 · Acme Status<\/title>/);
  assert.match(out, /<h1>Incident history<\/h1>/);
});

test('prev and next month links, none into the future or before the page existed', () => {
  const current = renderHistoryPage(model, '2026-11');
  assert.match(current, /<a rel="prev" href="\/history\?month=2026-10">/);
  assert.doesNotMatch(current, /rel="next"/);
  const older = renderHistoryPage(model, '2026-09');
  assert.match(older, /<a rel="next" href="\/history\?month=2026-10">/);
  const first = renderHistoryPage(model, monthOf(Math.min(...model.components.map((c) => c.createdAt))));
  assert.doesNotMatch(first, /rel="prev"/);
});

test('an empty month says so', () => {
  const out = renderHistoryPage(model, '2026-10');
  assert.match(out, /No incidents or maintenance reported in October 2026\./);
  assert.doesNotMatch(out, /class="day"/);
});

test('a malformed month shows the current one', () => {
  assert.match(renderHistoryPage(model, '<bad>'), /<h2>November 2026<\/h2>/);
});

test('links carry the basePath', () => {
  const out = renderHistoryPage({ ...model, page: { ...model.page, basePath: '/acme', slug: 'acme' } }, '2026-11');
  assert.match(out, /href="\/acme\/history\?month=2026-10"/);
  assert.match(out, /href="\/acme\/incidents\/inc000000001"/);
});
