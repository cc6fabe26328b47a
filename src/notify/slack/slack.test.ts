import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { slackNotifier, renderSlackPayload } from './index.ts';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import { describeNotifierHttpContract } from '../../../test/support/notifier-http-contract.ts';
import {
  digestEvent,
  FIXED_NOW,
  incidentUpdatedEvent,
  monitorDownEvent,
  monitorUpEvent,
  testDeliveryContext,
} from '../../../test/support/notification-fixtures.ts';

type Block = {
  type: string;
  text?: { type: string; text: string };
  fields?: { text: string }[];
  elements?: Record<string, unknown>[];
};
const slackFieldsParse = (input: unknown) => slackNotifier.fields.parse(input);
const config = (url: string) => slackFieldsParse({ url: `${url}/services/T000/B000/XXXX` });
const block = (payload: Record<string, unknown>, type: string) =>
  (payload.blocks as Block[]).find((b) => b.type === type);

describeNotifierHttpContract(slackNotifier, (url) => ({ url: `${url}/services/T000/B000/XXXX` }));

describe('slack: request', () => {
  let rx: HttpReceiver;
  before(async () => {
    rx = await startHttpReceiver({ respond: { status: 200, body: 'ok' } });
  });
  after(() => rx.close());

  test('posts the Block Kit message to the webhook path, with the overrides', async () => {
    const ctx = testDeliveryContext('evt-down-1:slack');
    const result = await slackNotifier.send(
      monitorDownEvent,
      slackFieldsParse({
        url: `${rx.url}/services/T000/B000/XXXX`,
        channel: '#ops',
        username: 'Pharos',
        icon_emoji: ':rotating_light:',
      }),
      ctx,
    );
    await ctx.close();
    assert.deepEqual(result, { ok: true, remoteStatus: 200 });
    const req = await rx.waitForRequest();
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/services/T000/B000/XXXX');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['idempotency-key'], 'evt-down-1:slack');
    const body = req.json as Record<string, unknown>;
    assert.equal(body.channel, '#ops');
    assert.equal(body.username, 'Pharos');
    assert.equal(body.icon_emoji, ':rotating_light:');
    assert.match(body.text as string, /^🔴 API health is down: Down since 2026-11-26T11:59:00Z: HTTP 503/);
  });
});

describe('slack: payload', () => {
  test('a down event: header, summary, facts as fields, time context, button', () => {
    const p = renderSlackPayload(monitorDownEvent, config('https://hooks.slack.com'));
    assert.deepEqual(block(p, 'header')?.text, { type: 'plain_text', text: '🔴 API health is down', emoji: true });
    assert.equal(
      (p.blocks as Block[])[1]!.text?.text,
      'Down since 2026-11-26T11:59:00Z: HTTP 503 from https://api.example.com/health',
    );
    const fields = (p.blocks as Block[]).find((b) => b.fields)?.fields?.map((f) => f.text);
    assert.deepEqual(fields, [
      '*Since*\n2026-11-26T11:59:00Z',
      '*Last error*\nHTTP 503 from https://api.example.com/health',
      '*Components*\nPublic API',
    ]);
    assert.deepEqual(block(p, 'context')?.elements, [
      {
        type: 'mrkdwn',
        text: `<!date^${FIXED_NOW / 1000}^{date_short_pretty} {time}|2026-11-26T12:00:00.000Z> · <https://status.example.com|status.example.com>`,
      },
    ]);
    assert.deepEqual(block(p, 'actions')?.elements?.[0], {
      type: 'button',
      text: { type: 'plain_text', text: 'Open' },
      url: 'https://status.example.com/admin/monitors/api-health',
      action_id: 'pharos-open',
    });
    assert.equal(p.channel, undefined);
  });

  test('a recovery says how long it was down', () => {
    const p = renderSlackPayload(monitorUpEvent, config('https://hooks.slack.com'));
    assert.equal(block(p, 'header')?.text?.text, '🟢 API health is back up');
    assert.match((p.blocks as Block[])[1]!.text?.text ?? '', /after 1 h 2 min of downtime/);
  });

  test('an incident update links to the incident', () => {
    const p = renderSlackPayload(incidentUpdatedEvent, config('https://hooks.slack.com'));
    assert.equal(block(p, 'header')?.text?.text, '🔴 Update: Elevated API errors');
    assert.equal(
      (block(p, 'actions')?.elements?.[0] as { url: string }).url,
      'https://status.example.com/incidents/inc-42',
    );
  });

  test('a digest lists every change', () => {
    const p = renderSlackPayload(digestEvent, config('https://hooks.slack.com'));
    assert.equal(block(p, 'header')?.text?.text, '🔴 3 changes on status.example.com');
    assert.equal(
      (p.blocks as Block[])[1]!.text?.text,
      '• API health is down\n• Update: Elevated API errors\n• API health is back up',
    );
  });

  test('names cannot ping or inject links; long text is cut to Block Kit limits', () => {
    const evil = {
      ...monitorDownEvent,
      monitor: { ...monitorDownEvent.monitor!, name: '<!channel> & <https://evil|x>', lastError: 'x'.repeat(5000) },
    };
    const p = renderSlackPayload(evil, config('https://hooks.slack.com'));
    assert.doesNotMatch(JSON.stringify(p.text), /<!channel>/);
    assert.match(p.text as string, /^🔴 &lt;!channel&gt; &amp; &lt;https:\/\/evil\|x&gt; is down/);
    const summary = (p.blocks as Block[])[1]!.text?.text ?? '';
    assert.equal(Array.from(summary).length, 3000);
    assert.ok(summary.endsWith('…'));
    assert.ok(Array.from(block(p, 'header')?.text?.text ?? '').length <= 150);
  });
});

describe('slack: schema', () => {
  const cases: [string, unknown, boolean][] = [
    ['a Slack URL', { url: 'https://hooks.slack.com/services/T/B/X' }, true],
    ['any https URL', { url: 'https://chat.example.com/hooks/abc' }, true],
    ['http on localhost', { url: 'http://localhost:8080/hook' }, true],
    ['http elsewhere', { url: 'http://hooks.slack.com/services/T/B/X' }, false],
    ['not a URL', { url: 'hooks.slack.com' }, false],
    ['ftp', { url: 'ftp://hooks.slack.com/x' }, false],
    ['credentials in the URL', { url: 'https://a:b@hooks.slack.com/x' }, false],
    ['an unknown field', { url: 'https://hooks.slack.com/x', webhook: 'x' }, false],
    ['a bad emoji', { url: 'https://hooks.slack.com/x', icon_emoji: 'siren' }, false],
    ['a long username', { url: 'https://hooks.slack.com/x', username: 'x'.repeat(81) }, false],
  ];
  for (const [name, input, ok] of cases)
    test(`${ok ? 'accepts' : 'refuses'} ${name}`, () =>
      assert.equal(slackNotifier.fields.safeParse(input).success, ok));

  test('the URL is a secret', () => assert.deepEqual(slackNotifier.secretFields, ['url']));
});
