import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { discordNotifier, renderDiscordPayload } from './index.ts';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import { describeNotifierHttpContract } from '../../../test/support/notifier-http-contract.ts';
import {
  digestEvent,
  incidentUpdatedEvent,
  monitorDownEvent,
  monitorUpEvent,
  testDeliveryContext,
} from '../../../test/support/notification-fixtures.ts';

type Embed = {
  title: string;
  description: string;
  url: string;
  color: number;
  fields: { name: string; value: string; inline: boolean }[];
  timestamp: string;
};
const config = discordNotifier.fields.parse({ url: 'https://discord.com/api/webhooks/123/abc' });
const embedOf = (p: Record<string, unknown>) => (p.embeds as Embed[])[0]!;

describeNotifierHttpContract(discordNotifier, (url) => ({ url: `${url}/api/webhooks/123/abc` }));

describe('discord: request', () => {
  let rx: HttpReceiver;
  before(async () => {
    rx = await startHttpReceiver({ respond: { status: 200, body: { id: '1', type: 0 } } });
  });
  after(() => rx.close());

  test('executes the webhook with wait=true, keeping a thread_id', async () => {
    const ctx = testDeliveryContext('evt-down-1:discord');
    const result = await discordNotifier.send(
      monitorDownEvent,
      discordNotifier.fields.parse({
        url: `${rx.url}/api/webhooks/123/abc?thread_id=99`,
        username: 'Pharos',
        avatar_url: 'https://status.example.com/logo.png',
      }),
      ctx,
    );
    await ctx.close();
    assert.deepEqual(result, { ok: true, remoteStatus: 200 });
    const req = await rx.waitForRequest();
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/api/webhooks/123/abc');
    assert.deepEqual(req.query, { thread_id: '99', wait: 'true' });
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['idempotency-key'], 'evt-down-1:discord');
    const body = req.json as Record<string, unknown>;
    assert.equal(body.username, 'Pharos');
    assert.equal(body.avatar_url, 'https://status.example.com/logo.png');
    assert.deepEqual(body.allowed_mentions, { parse: [] });
  });
});

describe('discord: payload', () => {
  test('a down event: content, embed with colour, fields and timestamp', () => {
    const p = renderDiscordPayload(monitorDownEvent, config);
    assert.equal(p.content, '🔴 API health is down');
    assert.deepEqual(embedOf(p), {
      title: '🔴 API health is down',
      description: 'Down since 2026-11-26T11:59:00Z: HTTP 503 from https://api.example.com/health',
      url: 'https://status.example.com/admin/monitors/api-health',
      color: 0xcf222e,
      fields: [
        { name: 'Since', value: '2026-11-26T11:59:00Z', inline: true },
        { name: 'Last error', value: 'HTTP 503 from https://api.example.com/health', inline: true },
        { name: 'Components', value: 'Public API', inline: true },
      ],
      timestamp: '2026-11-26T12:00:00.000Z',
    });
    assert.deepEqual(p.allowed_mentions, { parse: [] });
    assert.equal('username' in p, false);
  });

  test('a recovery is green and says how long it was down', () => {
    const e = embedOf(renderDiscordPayload(monitorUpEvent, config));
    assert.equal(e.color, 0x1a7f37);
    assert.match(e.description, /after 1 h 2 min of downtime/);
    assert.deepEqual(e.fields[0], { name: 'Downtime', value: '1 h 2 min', inline: true });
  });

  test('an incident update links to the incident', () => {
    const e = embedOf(renderDiscordPayload(incidentUpdatedEvent, config));
    assert.equal(e.title, '🔴 Update: Elevated API errors');
    assert.equal(e.url, 'https://status.example.com/incidents/inc-42');
    assert.match(e.description, /identified — A bad deploy; rolling back\./);
  });

  test('a digest lists every change', () => {
    const p = renderDiscordPayload(digestEvent, config);
    assert.equal(p.content, '🔴 3 changes on status.example.com');
    assert.equal(
      embedOf(p).description,
      '• API health is down\n• Update: Elevated API errors\n• API health is back up',
    );
  });

  test('long text stays within the embed limits', () => {
    const long = {
      ...monitorDownEvent,
      monitor: { ...monitorDownEvent.monitor!, name: 'n'.repeat(3000), lastError: 'e'.repeat(9000) },
    };
    const e = embedOf(renderDiscordPayload(long, config));
    const total = [e.title, e.description, ...e.fields.flatMap((f) => [f.name, f.value])].reduce(
      (n, s) => n + Array.from(s).length,
      0,
    );
    assert.ok(Array.from(e.title).length <= 256);
    assert.ok(e.fields.every((f) => Array.from(f.value).length <= 1024));
    assert.ok(total <= 6000, `embed total ${total}`);
  });
});

describe('discord: schema', () => {
  const cases: [string, unknown, boolean][] = [
    ['a webhook URL', { url: 'https://discord.com/api/webhooks/1/x' }, true],
    ['http elsewhere', { url: 'http://discord.com/api/webhooks/1/x' }, false],
    ['not a URL', { url: 'discord.com/api/webhooks/1/x' }, false],
    ['a name with "Discord"', { url: 'https://discord.com/api/webhooks/1/x', username: 'My Discord bot' }, false],
    ['a bad avatar URL', { url: 'https://discord.com/api/webhooks/1/x', avatar_url: 'logo.png' }, false],
    ['an unknown field', { url: 'https://discord.com/api/webhooks/1/x', content: 'hi' }, false],
  ];
  for (const [name, input, ok] of cases)
    test(`${ok ? 'accepts' : 'refuses'} ${name}`, () =>
      assert.equal(discordNotifier.fields.safeParse(input).success, ok));
});
