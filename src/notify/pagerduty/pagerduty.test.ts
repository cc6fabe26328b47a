import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Agent } from 'undici';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryContext } from '../notifier.ts';
import { pagerdutyFields, pagerdutyNotifier, renderPagerdutyEvent } from './index.ts';
import { defaultEgressPolicy } from '../../egress/egress-policy.ts';

const KEY = 'R0UT1NGKEY0123456789abcdefABCDEF';
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
const up: NotificationEvent = {
  ...base,
  id: 'e2',
  type: 'monitor.up',
  monitor: { ...monitor, status: 'up', previousStatus: 'down', downtimeMs: 300_000 },
};
const incident = {
  id: 'inc-7',
  name: 'Login failures',
  status: 'investigating' as const,
  impact: 'major' as const,
  body: 'Looking into it',
  createdAt: AT,
  resolvedAt: null,
  url: 'https://status.example.com/incidents/inc-7',
};
const created: NotificationEvent = { ...base, id: 'e3', type: 'incident.created', incident };
const resolved: NotificationEvent = {
  ...base,
  id: 'e4',
  type: 'incident.resolved',
  incident: { ...incident, status: 'resolved', resolvedAt: AT + 3_600_000 },
};
const cert: NotificationEvent = {
  ...base,
  id: 'e5',
  type: 'certificate.expiring',
  certificate: {
    monitorId: 'api-health',
    monitorName: 'API health',
    host: 'api.example.com',
    daysLeft: 14,
    expiresAt: AT + 14 * 86_400_000,
  },
};
const maintenance: NotificationEvent = {
  ...base,
  id: 'e6',
  type: 'maintenance.started',
  maintenance: {
    id: 'm1',
    title: 'DB upgrade',
    body: '',
    status: 'in_progress',
    start: AT,
    end: AT + 3_600_000,
    url: 'https://status.example.com/maintenance/m1',
  },
};

describe('pagerduty notifier', () => {
  let rx: HttpReceiver;
  const dispatcher = new Agent();
  const ctx = (key = 'idem-1'): DeliveryContext => ({
    idempotencyKey: key,
    signal: new AbortController().signal,
    dispatcher,
    egress: defaultEgressPolicy().guardFor('config'),
    now: () => AT,
  });
  const config = () => pagerdutyFields.parse({ routing_key: KEY, api_url: rx.url });

  before(async () => {
    rx = await startHttpReceiver({ respond: { status: 202, body: { status: 'success', message: 'Event processed' } } });
  });
  beforeEach(() => rx.clear());
  after(async () => {
    await rx.close();
    await dispatcher.close();
  });

  test('monitor.down triggers and the following monitor.up resolves the same dedup_key', async () => {
    assert.deepEqual(await pagerdutyNotifier.send(down, config(), ctx('k-down')), { ok: true, remoteStatus: 202 });
    assert.deepEqual(await pagerdutyNotifier.send(up, config(), ctx('k-up')), { ok: true, remoteStatus: 202 });
    const [trigger, resolve] = await rx.waitForRequests(2);
    assert.equal(trigger!.method, 'POST');
    assert.equal(trigger!.path, '/v2/enqueue');
    assert.equal(trigger!.headers['content-type'], 'application/json');
    assert.equal(trigger!.headers['idempotency-key'], 'k-down');
    assert.deepEqual(trigger!.json, {
      routing_key: KEY,
      event_action: 'trigger',
      dedup_key: 'pharos:monitor:api-health',
      payload: {
        summary: 'API health is down — Down since 2026-03-01T11:59:00Z: HTTP 503',
        source: 'status.example.com',
        severity: 'critical',
        timestamp: '2026-03-01T12:00:00.000Z',
        component: 'API health',
        group: 'API',
        class: 'monitor.down',
        custom_details: {
          Summary: 'Down since 2026-03-01T11:59:00Z: HTTP 503',
          Since: '2026-03-01T11:59:00Z',
          'Last error': 'HTTP 503',
          Components: 'API',
        },
      },
      links: [{ href: monitor.url, text: 'Open in Pharos' }],
      client: 'Pharos',
      client_url: 'https://status.example.com',
    });
    assert.equal(resolve!.headers['idempotency-key'], 'k-up');
    assert.deepEqual(resolve!.json, {
      routing_key: KEY,
      event_action: 'resolve',
      dedup_key: 'pharos:monitor:api-health',
    });
  });

  test('incident.created triggers by impact and incident.resolved resolves the same key', async () => {
    assert.equal((await pagerdutyNotifier.send(created, config(), ctx())).ok, true);
    assert.equal((await pagerdutyNotifier.send(resolved, config(), ctx())).ok, true);
    const [open, close] = (await rx.waitForRequests(2)).map(
      (r) => r.json as { event_action: string; dedup_key: string; payload?: { severity: string; summary: string } },
    );
    assert.equal(open!.event_action, 'trigger');
    assert.equal(open!.payload!.severity, 'critical');
    assert.equal(open!.payload!.summary, 'New incident: Login failures — investigating — Looking into it');
    assert.deepEqual(close, { routing_key: KEY, event_action: 'resolve', dedup_key: open!.dedup_key });
    assert.equal(open!.dedup_key, 'pharos:incident:inc-7');
  });

  test('a certificate warning triggers with severity warning; maintenance sends nothing', async () => {
    assert.equal((await pagerdutyNotifier.send(cert, config(), ctx())).ok, true);
    const [req] = await rx.waitForRequests(1);
    const body = req!.json as { dedup_key: string; payload: { severity: string; class: string } };
    assert.equal(body.dedup_key, 'pharos:certificate:api-health');
    assert.equal(body.payload.severity, 'warning');
    const soon = renderPagerdutyEvent(
      { action: 'open', key: 'k', event: { ...cert, certificate: { ...cert.certificate!, daysLeft: 1 } } },
      config(),
    );
    assert.equal(soon.event_action === 'trigger' && soon.payload.severity, 'error');

    assert.deepEqual(await pagerdutyNotifier.send(maintenance, config(), ctx()), { ok: true });
    assert.equal(rx.requests.length, 1);
  });

  test('a digest sends one event per change, each with its own idempotency key', async () => {
    const digest: NotificationEvent = { ...down, id: 'd1', digest: [down, maintenance, created] };
    assert.equal((await pagerdutyNotifier.send(digest, config(), ctx('dig'))).ok, true);
    const reqs = await rx.waitForRequests(2);
    assert.deepEqual(
      reqs.map((r) => (r.json as { dedup_key: string }).dedup_key),
      ['pharos:monitor:api-health', 'pharos:incident:inc-7'],
    );
    assert.deepEqual(
      reqs.map((r) => r.headers['idempotency-key']),
      ['dig:0', 'dig:2'],
    );
  });

  test('a long summary is cut to 1024 characters', () => {
    const long = { ...down, monitor: { ...down.monitor!, lastError: 'x'.repeat(5000) } };
    const body = renderPagerdutyEvent({ action: 'open', key: 'k', event: long }, config());
    assert.equal(body.event_action === 'trigger' && body.payload.summary.length, 1024);
  });

  const answers = [
    { name: '202 accepted', status: 202, expect: { ok: true } },
    { name: '400 invalid event: not retryable', status: 400, expect: { ok: false, retryable: false } },
    { name: '429 throttled: retryable', status: 429, expect: { ok: false, retryable: true } },
    { name: '500: retryable', status: 500, expect: { ok: false, retryable: true } },
  ];
  for (const row of answers) {
    test(`answer ${row.name}`, async () => {
      // a receiver that echoes the request back must not leak the routing key into the result
      rx.queueResponses((req) => ({ status: row.status, body: { status: 'x', message: 'echo', errors: [req.body] } }));
      const result = await pagerdutyNotifier.send(down, config(), ctx());
      assert.equal(result.ok, row.expect.ok);
      if (!result.ok) {
        assert.equal(result.retryable, row.expect.retryable);
        assert.equal(result.remoteStatus, row.status);
        assert.ok(!JSON.stringify(result).includes(KEY), 'routing key in the result');
        assert.match(result.remoteBody ?? '', /\[redacted\]/);
      }
    });
  }

  test('a receiver that is down is retryable', async () => {
    const gone = await startHttpReceiver();
    await gone.close();
    const result = await pagerdutyNotifier.send(
      down,
      pagerdutyFields.parse({ routing_key: KEY, api_url: gone.url }),
      ctx(),
    );
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, true);
  });

  test('schema: https, or http only on loopback; a routing key is required', () => {
    assert.equal(pagerdutyFields.parse({ routing_key: KEY }).api_url, 'https://events.pagerduty.com');
    assert.equal(pagerdutyFields.safeParse({ routing_key: KEY, api_url: 'http://events.example.com' }).success, false);
    assert.equal(pagerdutyFields.safeParse({ routing_key: KEY, api_url: 'http://localhost:9999' }).success, true);
    assert.equal(pagerdutyFields.safeParse({ routing_key: 'short' }).success, false);
    assert.equal(pagerdutyFields.safeParse({ routing_key: KEY, extra: 1 }).success, false);
  });
});
