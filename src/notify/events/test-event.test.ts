import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import { testDeliveryContext } from '../../../test/support/notification-fixtures.ts';
import { TEST_AWS_CREDENTIALS } from '../../../test/support/aws-sigv4-check.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../../../test/support/smtp-test-server.ts';
import { alertActionOf } from '../message/alert-lifecycle.ts';
import { describeEvent } from '../message/describe-event.ts';
import { channelWants } from '../routing/channel-rules.ts';
import { CHANNEL_TYPES, notifiers, type ChannelType } from '../registry.ts';
import { testEvent } from './test-event.ts';

const event = testEvent('ops', Date.UTC(2026, 11, 6, 12), 'https://status.example.com', 'owner@example.test');

/** A config that sends to the local receivers; one row per registered type (a new type fails to compile here). */
const configs = {
  email: (_http, smtp) => ({
    to: ['ops@example.com'],
    from: 'pharos@example.com',
    smtp: { host: '127.0.0.1', port: smtp, starttls: 'never' },
  }),
  slack: (http) => ({ url: `${http}/slack` }),
  discord: (http) => ({ url: `${http}/discord` }),
  teams: (http) => ({ url: `${http}/teams` }),
  webhook: (http) => ({ url: `${http}/webhook` }),
  pagerduty: (http) => ({ routing_key: '0123456789abcdef0123456789abcdef', api_url: http }),
  opsgenie: (http) => ({ api_key: '00000000-0000-0000-0000-000000000000', api_url: http }),
  telegram: (http) => ({ bot_token: '123456789:AAE-replace-with-your-bot-token', chat_id: -100123, api_url: http }),
  ntfy: (http) => ({ url: http, topic: 'pharos-test-topic' }),
  gotify: (http) => ({ server: http, app_token: 'AbCdEf123456' }),
  sns: (http) => ({
    topic_arn: 'arn:aws:sns:eu-west-1:123456789012:pharos-alerts',
    region: 'eu-west-1',
    endpoint: http,
  }),
} satisfies Record<ChannelType, (http: string, smtpPort: number) => unknown>;

describe('the "Send test" event', () => {
  test('is worded as a test, informational, and never routed', () => {
    const d = describeEvent(event);
    assert.equal(d.title, '🔵 This is a test from Pharos');
    assert.match(
      d.summary,
      /^This is a test from Pharos \(status\.example\.com\) to the channel "ops": no monitor changed and no action is needed/,
    );
    assert.equal(d.severity, 'info');
    assert.equal(event.monitor, undefined);
    assert.equal(channelWants({ id: 'ops' }, event), false, 'routing never picks a test up');
    assert.deepEqual(alertActionOf(event).action, 'test');
  });

  describe('every notifier sends it as a test', () => {
    let rx: HttpReceiver;
    /** SNS answers a Publish in XML, signed calls with the test credentials */
    let snsRx: HttpReceiver;
    let smtp: SmtpTestServer;
    before(async () => {
      rx = await startHttpReceiver({ respond: { status: 200, body: '{"ok":true}' } });
      snsRx = await startHttpReceiver({
        respond: {
          status: 200,
          headers: { 'content-type': 'text/xml' },
          body: '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>',
        },
      });
      process.env.AWS_ACCESS_KEY_ID = TEST_AWS_CREDENTIALS.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = TEST_AWS_CREDENTIALS.secretAccessKey;
      smtp = await startSmtpTestServer();
    });
    after(async () => {
      await Promise.allSettled([rx.close(), snsRx.close(), smtp.close()]);
    });

    for (const type of CHANNEL_TYPES) {
      test(type, async () => {
        const receiver = type === 'sns' ? snsRx : rx;
        receiver.clear();
        const notifier = notifiers[type];
        const config = notifier.fields.parse(configs[type](receiver.url, smtp.port));
        const ctx = testDeliveryContext(`test:ops:${type}`);
        // each entry's send takes its own type's config: the table above gives exactly that
        const result = await (notifier.send as (e: typeof event, c: unknown, x: typeof ctx) => Promise<unknown>)(
          event,
          config,
          ctx,
        );
        await ctx.close();
        assert.deepEqual(result && (result as { ok: boolean }).ok, true, JSON.stringify(result));
        const bodies =
          type === 'email'
            ? (await smtp.waitFor(1)).map((m) => `${m.subject}\n${m.text}`)
            : type === 'sns'
              ? snsRx.requests.map((r) => decodeURIComponent(String(r.body).replace(/\+/g, ' ')))
              : rx.requests.map((r) => r.body);
        assert.ok(bodies.length > 0);
        const all = bodies.join('\n');
        assert.match(all, /This is a test from Pharos/);
        assert.doesNotMatch(all, /monitor\.down|is down|critical|🔴/i, 'nothing that reads like an outage');
        if (type === 'pagerduty')
          assert.deepEqual(
            rx.requests.map((r) => r.url),
            ['/v2/change/enqueue'],
          );
        if (type === 'opsgenie') {
          assert.deepEqual(
            rx.requests.map((r) => r.url),
            ['/v2/alerts', '/v2/alerts/pharos%3Atest%3Aops/close?identifierType=alias'],
          );
          assert.equal((rx.requests[0]!.json as { priority: string }).priority, 'P5');
        }
        if (type === 'webhook') assert.equal((rx.requests[0]!.json as { type: string }).type, 'test');
      });
    }
  });
});
