import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusModelFixture } from '../../../test/support/status-model-fixture.ts';
import { renderIncidentPage } from './incident-page.ts';
import { renderMaintenancePage } from './maintenance-page.ts';

const model = statusModelFixture();

test('a resolved incident: impact, times, duration, affected components and the full timeline', () => {
  const out = renderIncidentPage(model, 'inc000000001')!;
  assert.match(out, /<title>Checkout is down · Acme Status<\/title>/);
  assert.match(out, /<h1>Checkout is down<\/h1><span class="tag i-m">Critical impact<\/span>/);
  assert.match(out, /<dt>Status<\/dt><dd>Resolved<\/dd>/);
  assert.match(out, /<dt>Resolved<\/dt><dd><time datetime="2026-11-22T12:25Z">/);
  assert.match(out, /<dt>Duration<\/dt><dd>25m<\/dd>/);
  assert.match(out, /<li>Checkout <span class="st s-o">Operational<\/span><\/li>/);
  assert.ok(
    out.indexOf('<strong>Resolved</strong>') < out.indexOf('<strong>Investigating</strong>'),
    'newest update first',
  );
  assert.match(out, /<strong>HTTP 503<\/strong>/);
  assert.match(out, /href="\/history\?month=2026-11"/);
});

test('an open incident shows how long it has been going on', () => {
  const out = renderIncidentPage(model, 'inc000000002')!;
  assert.match(out, /<dt>Duration<\/dt><dd>Ongoing for 2h<\/dd>/);
  assert.match(out, /<dt>Last update<\/dt>/);
  assert.match(out, /<li>Public API <span class="st s-d">Degraded performance<\/span><\/li>/);
});

test('unknown ids render nothing (the route answers 404)', () => {
  assert.equal(renderIncidentPage(model, 'nope'), undefined);
  assert.equal(renderMaintenancePage(model, 'nope'), undefined);
});

test('a maintenance window: status, window, duration, components and details', () => {
  const out = renderMaintenancePage(model, 'net-work')!;
  assert.match(out, /<h1>Network maintenance<\/h1><span class="tag i-u">Scheduled<\/span>/);
  assert.match(out, /<dt>Starts<\/dt><dd><time datetime="2026-11-27T12:00Z">/);
  assert.match(out, /<dt>Duration<\/dt><dd>2h<\/dd>/);
  assert.match(out, /<li>Website<\/li><li>Public API<\/li>/);
  assert.match(out, /Short interruptions possible\./);
  assert.match(renderMaintenancePage(model, 'db-upgrade')!, /In progress/);
});
