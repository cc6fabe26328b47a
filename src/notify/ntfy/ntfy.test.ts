import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ntfyNotifier, ntfyPublishUrl, renderNtfyPayload } from './index.ts';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import { describeNotifierHttpContract } from '../../../test/support/notifier-http-contract.ts';
import {
  digestEvent,
  incidentUpdatedEvent,
  monitorDownEvent,
  monitorUpEvent,
  testDeliveryContext,
} from '../../../test/support/notification-fixtures.ts';

const topic = { topic: 'pharos-alerts' };

describeNotifierHttpContract(ntfyNotifier, (url) => ({ url, topic: 'pharos-alerts', token: 'tk_test' }));

describe('ntfy: request', () => {
  let rx: HttpReceiver;
  before(async () => {
    rx = await startHttpReceiver({
      respond: { status: 200, body: { id: 'm1', event: 'message', topic: 'pharos-alerts' } },
    });
  });
  after(() => rx.close());

  async function send(config: unknown) {
    rx.clear();
    const ctx = testDeliveryContext('evt-down-1:ntfy');
    try {
      const result = await ntfyNotifier.send(monitorDownEvent, ntfyNotifier.fields.parse(config), ctx);
      return { result, req: await rx.waitForRequest() };
    } finally {
      await ctx.close();
    }
  }

  test('publishes JSON to the server root with a Bearer token', async () => {
    const { result, req } = await send({ url: rx.url, topic: 'pharos-alerts', token: 'tk_abc' });
    assert.deepEqual(result, { ok: true, remoteStatus: 200 });
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['idempotency-key'], 'evt-down-1:ntfy');
    assert.equal(req.headers.authorization, 'Bearer tk_abc');
    assert.deepEqual(req.json, renderNtfyPayload(monitorDownEvent, topic));
  });

  test('Basic authentication with a username and password, under a path prefix', async () => {
    const { req } = await send({
      url: `${rx.url}/ntfy`,
      topic: 'pharos-alerts',
      username: 'phil',
      password: 'p@ss:word',
    });
    assert.equal(req.url, '/ntfy/');
    assert.equal(req.headers.authorization, `Basic ${Buffer.from('phil:p@ss:word').toString('base64')}`);
  });

  test('no authentication for an open topic', async () => {
    const { req } = await send({ url: rx.url, topic: 'pharos-alerts' });
    assert.equal(req.headers.authorization, undefined);
  });
});

describe('ntfy: payload', () => {
  test('a down event: highest priority, siren tag, no duplicate icon in the title', () => {
    assert.deepEqual(renderNtfyPayload(monitorDownEvent, topic), {
      topic: 'pharos-alerts',
      title: 'API health is down',
      message: 'Down since 2026-11-26T11:59:00Z: HTTP 503 from https://api.example.com/health',
      priority: 5,
      tags: ['rotating_light'],
      click: 'https://status.example.com/admin/monitors/api-health',
    });
  });

  test('a recovery: default priority, check mark, the downtime', () => {
    const p = renderNtfyPayload(monitorUpEvent, topic);
    assert.deepEqual([p.priority, p.tags, p.title], [3, ['white_check_mark'], 'API health is back up']);
    assert.match(p.message as string, /after 1 h 2 min of downtime/);
  });

  test('an incident update links to the incident', () => {
    const p = renderNtfyPayload(incidentUpdatedEvent, topic);
    assert.equal(p.title, 'Update: Elevated API errors');
    assert.equal(p.click, 'https://status.example.com/incidents/inc-42');
  });

  test('a digest lists every change', () => {
    const p = renderNtfyPayload(digestEvent, topic);
    assert.equal(p.title, '3 changes on status.example.com');
    assert.equal(p.message, '• API health is down\n• Update: Elevated API errors\n• API health is back up');
  });

  test('a long message stays under 4096 bytes without splitting a character', () => {
    const long = { ...monitorDownEvent, monitor: { ...monitorDownEvent.monitor!, lastError: '🔥'.repeat(3000) } };
    const message = renderNtfyPayload(long, topic).message as string;
    assert.ok(Buffer.byteLength(message) <= 4000);
    assert.ok(message.endsWith('🔥…'));
  });

  test('the publish URL is the server root', () => {
    assert.equal(ntfyPublishUrl('https://ntfy.sh'), 'https://ntfy.sh/');
    assert.equal(ntfyPublishUrl('https://example.com/ntfy/'), 'https://example.com/ntfy/');
  });
});

describe('ntfy: schema', () => {
  const cases: [string, unknown, boolean][] = [
    ['a topic alone (ntfy.sh)', { topic: 'pharos-alerts' }, true],
    ['a self-hosted server over http', { url: 'http://ntfy.lan:8080', topic: 'alerts' }, true],
    ['a token', { topic: 'a', token: 'tk_x' }, true],
    ['a username and password', { topic: 'a', username: 'u', password: 'p' }, true],
    ['no topic', {}, false],
    ['a topic with a slash', { topic: 'a/b' }, false],
    ['a 65-character topic', { topic: 'x'.repeat(65) }, false],
    ['a bad URL', { url: 'ntfy.sh', topic: 'a' }, false],
    ['a username without a password', { topic: 'a', username: 'u' }, false],
    ['a token and a password', { topic: 'a', token: 't', username: 'u', password: 'p' }, false],
    ['an unknown field', { topic: 'a', priority: 5 }, false],
  ];
  for (const [name, input, ok] of cases)
    test(`${ok ? 'accepts' : 'refuses'} ${name}`, () => assert.equal(ntfyNotifier.fields.safeParse(input).success, ok));

  test('the server defaults to ntfy.sh; token, password and topic are secrets', () => {
    assert.equal(ntfyNotifier.fields.parse({ topic: 'a' }).url, 'https://ntfy.sh');
    assert.deepEqual([...ntfyNotifier.secretFields].sort(), ['password', 'token', 'topic']);
  });
});
