import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAdminHarness, type AdminHarness } from '../support/admin-harness.ts';

interface Item {
  config: Record<string, unknown>;
  created_at: string;
}

/** Item 13 of issue 14: durations as written with their _ms companion, the same shape accepted back. */
describe('admin API convention: durations round-trip', () => {
  let h: AdminHarness;
  before(async () => {
    h = await startAdminHarness();
  });
  after(() => h?.close());

  test('a monitor POSTed with interval "30s" reads back "30s" and 30000 ms; the answer PUTs back as is', async () => {
    const id = h.uniq('conv');
    const made = await h.call(h.root, 'POST', '/api/v1/monitors', {
      body: { id, type: 'http', url: `${h.target.url}/status/200`, interval: '30s', timeout: '1500ms' },
    });
    assert.equal(made.status, 201, made.body);
    const got = (await h.call(h.root, 'GET', `/api/v1/monitors/${id}`)).json<Item>();
    assert.equal(got.config.interval, '30s');
    assert.equal(got.config.interval_ms, 30_000);
    assert.equal(got.config.timeout, '1500ms');
    assert.equal(got.config.timeout_ms, 1500);
    assert.match(got.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // what GET answers, PUT takes
    const put = await h.call(h.root, 'PUT', `/api/v1/monitors/${id}`, { body: got.config });
    assert.equal(put.status, 200, put.body);
    assert.deepEqual(put.json<Item>().config, got.config);
    // the companion alone sets the duration
    const { interval: _i, ...rest } = got.config;
    const byMs = await h.call(h.root, 'PUT', `/api/v1/monitors/${id}`, { body: { ...rest, interval_ms: 120_000 } });
    assert.equal(byMs.status, 200, byMs.body);
    assert.equal(byMs.json<Item>().config.interval, '2m');
    // both, disagreeing: a 400 naming the companion
    const clash = await h.call(h.root, 'PUT', `/api/v1/monitors/${id}`, {
      body: { ...got.config, interval: '1m', interval_ms: 30_000 },
    });
    assert.equal(clash.status, 400);
    assert.deepEqual(
      clash.json<{ issues: { path: string }[] }>().issues.map((i) => i.path),
      ['body.interval_ms'],
    );
  });

  test('a channel reminder_every shows the same way', async () => {
    const chan = h.uniq('chan');
    const res = await h.call(h.root, 'POST', '/api/v1/notification-channels', {
      body: { id: chan, type: 'webhook', url: `${h.target.url}/status/200`, reminder_every: '2h' },
    });
    assert.equal(res.status, 201, res.body);
    assert.equal(res.json<Item>().config.reminder_every, '2h');
    assert.equal(res.json<Item>().config.reminder_every_ms, 7_200_000);
  });

  test('incidents: snake_case and ISO times; the list pages by created_at', async () => {
    const made = await h.call(h.root, 'POST', '/api/v1/incidents', { body: { name: 'Convention', body: 'x' } });
    const i = made.json<Record<string, unknown>>();
    assert.ok(Array.isArray(i.component_ids));
    assert.equal(typeof i.created_at, 'string');
    assert.ok(!('createdAt' in i) && !('componentIds' in i));
    const page = await h.call(h.root, 'GET', `/api/v1/incidents?before=${encodeURIComponent(i.created_at as string)}`);
    assert.equal(page.status, 200, page.body);
    assert.ok(!page.json<{ id: string }[]>().some((x) => x.id === i.id), 'before is exclusive');
    assert.equal((await h.call(h.root, 'GET', '/api/v1/incidents?before=1796569009982')).status, 400);
  });
});
