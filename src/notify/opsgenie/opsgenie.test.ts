import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Agent } from 'undici';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryContext } from '../notifier.ts';
import { opsgenieBaseUrl, opsgenieFields, opsgenieNotifier, renderOpsgenieRequest } from './index.ts';
import { defaultEgressPolicy } from '../../egress/egress-policy.ts';

const KEY = 'eb243592-faa2-4ba2-a551-1afdf565c889';
const AT = Date.parse('2026-03-01T12:00:00Z');
const base = {
  at: AT,
  pageUrl: 'https://status.example.com',
  components: [{ id: 'api', name: 'API', status: 'major_outage' as const }],
};
const monitor = {
  id: 'api-health',
  name: 'API health',
  previousStatus: 'up' as const,
  since: AT - 60_000,
  lastError: 'HTTP 503',
  url: 'https://status.example.com/admin/monitors/api-health',
};
const down: NotificationEvent = { ...base, id: 'e1', type: 'monitor.down', monitor: { ...monitor, status: 'down' } };
const degraded: NotificationEvent = {
  ...base,
  id: 'e0',
  type: 'monitor.degraded',
  monitor: { ...monitor, status: 'degraded' },
};
const up: NotificationEvent = {
  ...base,
  id: 'e2',
  type: 'monitor.up',
  monitor: { ...monitor, status: 'up', previousStatus: 'down', downtimeMs: 300_000 },
};
const maintenance: NotificationEvent = {
  ...base,
  id: 'e6',
  type: 'maintenance.scheduled',
  maintenance: {
    id: 'm1',
    title: 'DB upgrade',
    body: '',
    status: 'scheduled',
    start: AT,
    end: AT + 3_600_000,
    url: 'https://status.example.com/maintenance/m1',
  },
};

describe('opsgenie notifier', () => {
  let rx: HttpReceiver;
  const dispatcher = new Agent();
  const ctx = (key = 'idem-1'): DeliveryContext => ({
    idempotencyKey: key,
    signal: new AbortController().signal,
    dispatcher,
    egress: defaultEgressPolicy().guardFor('config'),
    now: () => AT,
  });
  const config = (extra: object = {}) => opsgenieFields.parse({ api_key: KEY, api_url: rx.url, ...extra });

  before(async () => {
    rx = await startHttpReceiver({
      respond: { status: 202, body: { result: 'Request will be processed', took: 0.1, requestId: 'r1' } },
    });
  });
  beforeEach(() => rx.clear());
  after(async () => {
    await rx.close();
    await dispatcher.close();
  });

  test('monitor.down creates an alert; monitor.up closes it by the same alias', async () => {
    assert.deepEqual(await opsgenieNotifier.send(down, config({ tags: ['prod'] }), ctx('k-down')), {
      ok: true,
      remoteStatus: 202,
    });
    assert.deepEqual(await opsgenieNotifier.send(up, config(), ctx('k-up')), { ok: true, remoteStatus: 202 });
    const [create, close] = await rx.waitForRequests(2);
    assert.equal(create!.method, 'POST');
    assert.equal(create!.url, '/v2/alerts');
    assert.equal(create!.headers.authorization, `GenieKey ${KEY}`);
    assert.equal(create!.headers['content-type'], 'application/json');
    assert.equal(create!.headers['idempotency-key'], 'k-down');
    assert.deepEqual(create!.json, {
      message: 'API health is down',
      alias: 'pharos:monitor:api-health',
      description:
        'Down since 2026-03-01T11:59:00Z: HTTP 503\n\nSince: 2026-03-01T11:59:00Z\nLast error: HTTP 503\nComponents: API\n\nhttps://status.example.com/admin/monitors/api-health',
      priority: 'P1',
      tags: ['pharos', 'prod'],
      details: {
        Since: '2026-03-01T11:59:00Z',
        'Last error': 'HTTP 503',
        Components: 'API',
        Event: 'monitor.down',
        Link: monitor.url,
      },
      entity: 'API health',
      source: 'Pharos',
    });
    assert.equal(close!.path, `/v2/alerts/${encodeURIComponent('pharos:monitor:api-health')}/close`);
    assert.equal(decodeURIComponent(close!.path.split('/')[3]!), (create!.json as { alias: string }).alias);
    assert.deepEqual(close!.query, { identifierType: 'alias' });
    assert.equal(close!.headers.authorization, `GenieKey ${KEY}`);
    assert.deepEqual(close!.json, {
      source: 'Pharos',
      note: 'Recovered at 2026-03-01T12:00:00Z after 5 min of downtime.',
    });
  });

  test('priority follows the severity and the configured mapping; message is cut to 130', () => {
    const open = (event: NotificationEvent, extra: object = {}) =>
      renderOpsgenieRequest({ action: 'open', key: 'k', event }, config(extra)).body as {
        priority: string;
        message: string;
      };
    assert.equal(open(degraded).priority, 'P3');
    assert.equal(open(down, { priorities: { critical: 'P2' } }).priority, 'P2');
    assert.equal(open({ ...down, monitor: { ...down.monitor!, name: 'n'.repeat(300) } }).message.length, 130);
  });

  test('the region picks the API host; api_url overrides it', () => {
    assert.equal(opsgenieBaseUrl(opsgenieFields.parse({ api_key: KEY })), 'https://api.opsgenie.com');
    assert.equal(opsgenieBaseUrl(opsgenieFields.parse({ api_key: KEY, region: 'eu' })), 'https://api.eu.opsgenie.com');
    assert.equal(
      opsgenieBaseUrl(opsgenieFields.parse({ api_key: KEY, region: 'eu', api_url: 'http://127.0.0.1:1234/' })),
      'http://127.0.0.1:1234',
    );
  });

  test('maintenance sends nothing', async () => {
    assert.deepEqual(await opsgenieNotifier.send(maintenance, config(), ctx()), { ok: true });
    assert.equal(rx.requests.length, 0);
  });

  const answers = [
    { name: '422 unprocessable: not retryable', status: 422, retryable: false },
    { name: '401 bad key: not retryable', status: 401, retryable: false },
    { name: '429 rate limited: retryable', status: 429, retryable: true },
    { name: '503: retryable', status: 503, retryable: true },
  ];
  for (const row of answers) {
    test(`answer ${row.name}; the key never shows in the result`, async () => {
      rx.queueResponses((req) => ({
        status: row.status,
        body: { message: `bad ${String(req.headers.authorization)}`, took: 0 },
      }));
      const result = await opsgenieNotifier.send(down, config(), ctx());
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.retryable, row.retryable);
      assert.equal(!result.ok && result.remoteStatus, row.status);
      assert.ok(!JSON.stringify(result).includes(KEY), 'API key in the result');
    });
  }

  test('schema: strict, bounded tags, https or loopback http', () => {
    assert.equal(opsgenieFields.safeParse({ api_key: KEY, api_url: 'http://opsgenie.internal' }).success, false);
    assert.equal(opsgenieFields.safeParse({ api_key: KEY, tags: Array(20).fill('t') }).success, false);
    assert.equal(opsgenieFields.safeParse({ api_key: KEY, region: 'apac' }).success, false);
    assert.equal(opsgenieFields.safeParse({ api_key: KEY, priorities: { critical: 'P0' } }).success, false);
    assert.deepEqual(opsgenieFields.parse({ api_key: KEY }).priorities, { critical: 'P1', warning: 'P3', info: 'P5' });
  });
});
