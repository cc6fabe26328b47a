import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  renderWebhookPayload,
  signWebhookBody,
  verifyWebhookSignature,
  webhookNotifier,
  webhookPayloadSchema,
} from './index.ts';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import { describeNotifierHttpContract } from '../../../test/support/notifier-http-contract.ts';
import {
  certificateExpiringEvent,
  digestEvent,
  FIXED_NOW,
  incidentUpdatedEvent,
  maintenanceStartedEvent,
  monitorDownEvent,
  monitorUpEvent,
  testDeliveryContext,
} from '../../../test/support/notification-fixtures.ts';

const SECRET = 'whsec-0123456789abcdef';
const nowSeconds = FIXED_NOW / 1000;

describeNotifierHttpContract(webhookNotifier, (url) => ({ url: `${url}/pharos`, secret: SECRET }));

describe('webhook: request', () => {
  let rx: HttpReceiver;
  before(async () => {
    rx = await startHttpReceiver();
  });
  after(() => rx.close());

  async function send(config: unknown, key = 'evt-down-1:hook') {
    const ctx = testDeliveryContext(key);
    try {
      return await webhookNotifier.send(monitorDownEvent, webhookNotifier.fields.parse(config), ctx);
    } finally {
      await ctx.close();
    }
  }

  test('signed: timestamp and signature that verify, and fail once the body is altered', async () => {
    rx.clear();
    assert.deepEqual(await send({ url: `${rx.url}/hooks/pharos?source=status`, secret: SECRET }), {
      ok: true,
      remoteStatus: 200,
    });
    const req = await rx.waitForRequest();
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/hooks/pharos?source=status');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['idempotency-key'], 'evt-down-1:hook');
    const timestamp = req.headers['x-pharos-timestamp'] as string;
    const signature = req.headers['x-pharos-signature'] as string;
    assert.equal(timestamp, String(nowSeconds));
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    const opts = { now: () => FIXED_NOW };
    assert.equal(verifyWebhookSignature(SECRET, timestamp, req.rawBody, signature, opts), true);
    assert.equal(
      verifyWebhookSignature(SECRET, timestamp, req.body, signature, opts),
      true,
      'the body as a string works too',
    );
    assert.equal(
      verifyWebhookSignature(SECRET, timestamp, req.body.replace('API health', 'API  health'), signature, opts),
      false,
    );
    assert.equal(
      verifyWebhookSignature(SECRET, String(nowSeconds + 1), req.rawBody, signature, opts),
      false,
      'the timestamp is signed',
    );
    assert.equal(verifyWebhookSignature('another-secret-of-16+', timestamp, req.rawBody, signature, opts), false);
    assert.deepEqual(req.json, renderWebhookPayload(monitorDownEvent));
  });

  test('unsigned, PUT, with custom headers', async () => {
    rx.clear();
    await send({ url: `${rx.url}/in`, method: 'PUT', headers: { Authorization: 'Bearer t0ken', 'X-Team': 'ops' } });
    const req = await rx.waitForRequest();
    assert.equal(req.method, 'PUT');
    assert.equal(req.path, '/in');
    assert.equal(req.headers.authorization, 'Bearer t0ken');
    assert.equal(req.headers['x-team'], 'ops');
    assert.equal(req.headers['idempotency-key'], 'evt-down-1:hook');
    assert.equal(req.headers['x-pharos-signature'], undefined);
    assert.equal(req.headers['x-pharos-timestamp'], undefined);
  });
});

describe('webhook: payload', () => {
  test('a down event, exactly', () => {
    assert.deepEqual(renderWebhookPayload(monitorDownEvent), {
      id: 'evt-down-1',
      type: 'monitor.down',
      at: '2026-11-26T12:00:00.000Z',
      page_url: 'https://status.example.com',
      title: '🔴 API health is down',
      summary: 'Down since 2026-11-26T11:59:00Z: HTTP 503 from https://api.example.com/health',
      severity: 'critical',
      url: 'https://status.example.com/admin/monitors/api-health',
      components: [{ id: 'api', name: 'Public API', status: 'major_outage' }],
      monitor: {
        id: 'api-health',
        name: 'API health',
        status: 'down',
        previous_status: 'up',
        since: '2026-11-26T11:59:00.000Z',
        last_error: 'HTTP 503 from https://api.example.com/health',
        url: 'https://status.example.com/admin/monitors/api-health',
      },
    });
  });

  test('a recovery carries the downtime', () => {
    const p = renderWebhookPayload(monitorUpEvent);
    assert.equal(p.severity, 'ok');
    assert.equal(p.monitor?.downtime_ms, 3_720_000);
    assert.equal(p.monitor?.last_error, null);
  });

  test('an incident update carries the incident', () => {
    assert.deepEqual(renderWebhookPayload(incidentUpdatedEvent).incident, {
      id: 'inc-42',
      name: 'Elevated API errors',
      status: 'identified',
      impact: 'major',
      body: 'A bad deploy; rolling back.',
      created_at: '2026-11-26T11:50:00.000Z',
      resolved_at: null,
      url: 'https://status.example.com/incidents/inc-42',
    });
  });

  test('a digest lists each event, without nesting', () => {
    const p = renderWebhookPayload(digestEvent);
    assert.equal(p.title, '🔴 3 changes on status.example.com');
    assert.deepEqual(
      p.digest?.map((e) => [e.id, e.type]),
      [
        ['evt-down-1', 'monitor.down'],
        ['evt-inc-2', 'incident.updated'],
        ['evt-up-1', 'monitor.up'],
      ],
    );
    assert.ok(p.digest?.every((e) => !('digest' in e)));
  });

  test('a digest lists at most 100 events', () => {
    const many = {
      ...digestEvent,
      digest: Array.from({ length: 150 }, (_, n) => ({ ...monitorDownEvent, id: `e${n}` })),
    };
    assert.equal(renderWebhookPayload(many).digest?.length, 100);
  });

  test('every kind of event matches the documented schema', () => {
    for (const event of [
      monitorDownEvent,
      monitorUpEvent,
      incidentUpdatedEvent,
      maintenanceStartedEvent,
      certificateExpiringEvent,
      digestEvent,
      { ...monitorDownEvent, reminder: 2 },
    ]) {
      const parsed = webhookPayloadSchema.safeParse(renderWebhookPayload(event));
      assert.ok(parsed.success, `${event.id}: ${parsed.error?.message}`);
    }
  });
});

describe('webhook: verifyWebhookSignature', () => {
  const body = '{"id":"x"}';
  const sign = (ts: number) => signWebhookBody(SECRET, ts, body);
  const now = () => FIXED_NOW;
  const cases: [string, number | undefined, (s: string) => string | undefined, boolean][] = [
    ['fresh', nowSeconds, (s) => s, true],
    ['upper-case hex', nowSeconds, (s) => `sha256=${s.slice(7).toUpperCase()}`, true],
    ['300 s old', nowSeconds - 300, (s) => s, true],
    ['301 s old (replay)', nowSeconds - 301, (s) => s, false],
    ['301 s ahead', nowSeconds + 301, (s) => s, false],
    ['no timestamp', undefined, (s) => s, false],
    ['no signature', nowSeconds, () => undefined, false],
    ['no sha256= prefix', nowSeconds, (s) => s.slice(7), false],
    ['a truncated signature', nowSeconds, (s) => s.slice(0, -2), false],
    ['one digit changed', nowSeconds, (s) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0'), false],
  ];
  for (const [name, ts, mangle, ok] of cases) {
    test(`${ok ? 'accepts' : 'refuses'} ${name}`, () => {
      const signature = mangle(sign(ts ?? nowSeconds));
      assert.equal(verifyWebhookSignature(SECRET, ts, body, signature, { now }), ok);
    });
  }

  test('a custom tolerance', () => {
    assert.equal(
      verifyWebhookSignature(SECRET, nowSeconds - 30, body, sign(nowSeconds - 30), { now, toleranceSeconds: 10 }),
      false,
    );
  });
});

describe('webhook: schema', () => {
  const url = 'https://hooks.example.com/pharos';
  const cases: [string, unknown, boolean][] = [
    ['a URL alone', { url }, true],
    ['http on the LAN', { url: 'http://10.0.0.5:8080/hook' }, true],
    [
      'a secret, PUT and headers',
      { url, secret: 'x'.repeat(16), method: 'PUT', headers: { Authorization: 'Bearer x' } },
      true,
    ],
    ['not a URL', { url: 'hooks.example.com' }, false],
    ['an unknown field', { url, body: '{}' }, false],
    ['GET', { url, method: 'GET' }, false],
    ['a short secret', { url, secret: 'short' }, false],
    ['a hop-by-hop header', { url, headers: { Connection: 'close' } }, false],
    ['Host', { url, headers: { host: 'evil.example' } }, false],
    ['Content-Length', { url, headers: { 'Content-Length': '1' } }, false],
    ['Transfer-Encoding', { url, headers: { 'transfer-encoding': 'chunked' } }, false],
    ['the signature header', { url, headers: { 'X-Pharos-Signature': 'sha256=0' } }, false],
    ['a header named twice', { url, headers: { 'X-A': '1', 'x-a': '2' } }, false],
    ['a line break in a value', { url, headers: { 'X-A': 'a\r\nX-B: b' } }, false],
    ['a bad header name', { url, headers: { 'X A': '1' } }, false],
    ['21 headers', { url, headers: Object.fromEntries(Array.from({ length: 21 }, (_, n) => [`X-H${n}`, '1'])) }, false],
  ];
  for (const [name, input, ok] of cases)
    test(`${ok ? 'accepts' : 'refuses'} ${name}`, () =>
      assert.equal(webhookNotifier.fields.safeParse(input).success, ok));

  test('method defaults to POST; the secret and headers are secrets', () => {
    assert.equal(webhookNotifier.fields.parse({ url }).method, 'POST');
    assert.deepEqual(webhookNotifier.secretFields, ['secret', 'headers']);
  });
});
