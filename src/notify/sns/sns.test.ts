import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { egressSchema } from '../../config/egress-schema.ts';
import { createEgressPolicy } from '../../egress/egress-policy.ts';
import { guardedDispatcher } from '../../egress/guarded-agent.ts';
import { checkSigV4, TEST_AWS_CREDENTIALS } from '../../../test/support/aws-sigv4-check.ts';
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from '../../../test/support/http-receiver.ts';
import {
  incidentUpdatedEvent,
  monitorDownEvent,
  testDeliveryContext,
} from '../../../test/support/notification-fixtures.ts';
import { snsNotifier } from './index.ts';
import { renderSnsMessage } from './render-sns-message.ts';

const REGION = 'eu-west-1';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:pharos-alerts';
const FIFO = 'arn:aws:sns:eu-west-1:123456789012:pharos-alerts.fifo';

const published = (id: string) => ({
  status: 200,
  headers: { 'content-type': 'text/xml' },
  body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>`,
});
const snsError = (status: number, type: string, code: string) => ({
  status,
  headers: { 'content-type': 'text/xml' },
  body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${code} from the test</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`,
});

/** The form fields of a Query-protocol call, and its message attributes by name. */
function form(req: ReceivedRequest) {
  const fields = Object.fromEntries(new URLSearchParams(req.body));
  const attributes: Record<string, { type: string; value: string }> = {};
  for (let i = 1; fields[`MessageAttributes.entry.${i}.Name`]; i++)
    attributes[fields[`MessageAttributes.entry.${i}.Name`]!] = {
      type: fields[`MessageAttributes.entry.${i}.Value.DataType`]!,
      value: fields[`MessageAttributes.entry.${i}.Value.StringValue`]!,
    };
  return { fields, attributes };
}

describe('sns: Publish calls, signed, to a local SNS endpoint', () => {
  let rx: HttpReceiver;
  const env = { ...process.env };
  /** why the last request's signature was refused, or null */
  let signature: string | null = null;
  before(async () => {
    process.env.AWS_ACCESS_KEY_ID = TEST_AWS_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_AWS_CREDENTIALS.secretAccessKey;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    rx = await startHttpReceiver({
      respond: async (req) => {
        signature = await checkSigV4(req, { service: 'sns', region: REGION });
        return signature ? snsError(403, 'Sender', 'SignatureDoesNotMatch') : published('m-1');
      },
    });
  });
  after(async () => {
    process.env = env;
    await rx.close();
  });

  async function send(config: Record<string, unknown>, event = monitorDownEvent, key = 'evt-down-1:sns-1') {
    rx.clear();
    const ctx = testDeliveryContext(key);
    try {
      return await snsNotifier.send(
        event,
        snsNotifier.fields.parse({ region: REGION, endpoint: rx.url, ...config }),
        ctx,
      );
    } finally {
      await ctx.close();
    }
  }

  test('a standard topic: one signed Publish with subject, body and routing attributes', async () => {
    const result = await send({ topic_arn: TOPIC });
    assert.deepEqual(result, { ok: true, remoteStatus: 200 });
    assert.equal(signature, null);
    const [req] = rx.requests;
    assert.equal(req!.method, 'POST');
    const { fields, attributes } = form(req!);
    assert.equal(fields.Action, 'Publish');
    assert.equal(fields.TopicArn, TOPIC);
    const expected = renderSnsMessage(
      monitorDownEvent,
      snsNotifier.fields.parse({ topic_arn: TOPIC, region: REGION }),
      'k',
    );
    assert.equal(fields.Subject, expected.Subject);
    assert.match(fields.Subject!, /API health is down/);
    assert.equal(fields.Message, expected.Message);
    assert.match(fields.Message!, /HTTP 503 from https:\/\/api\.example\.com\/health/);
    assert.deepEqual(attributes.event_type, { type: 'String', value: 'monitor.down' });
    assert.deepEqual(attributes.severity, { type: 'String', value: 'critical' });
    assert.equal(attributes.component?.type, 'String');
    assert.equal(attributes.component?.value, monitorDownEvent.components[0]!.id);
    assert.deepEqual(
      JSON.parse(attributes.components!.value),
      monitorDownEvent.components.map((c) => c.id),
    );
    assert.equal(fields.MessageGroupId, undefined);
    assert.equal(fields.MessageDeduplicationId, undefined);
  });

  test('a FIFO topic: the idempotency key is the deduplication id, with a message group', async () => {
    const result = await send({ topic_arn: FIFO }, incidentUpdatedEvent, 'evt-inc-7:sns-1');
    assert.equal(result.ok, true);
    assert.equal(signature, null);
    const { fields, attributes } = form(rx.requests[0]!);
    assert.equal(fields.MessageDeduplicationId, 'evt-inc-7:sns-1');
    assert.equal(fields.MessageGroupId, 'pharos');
    assert.equal(attributes.event_type?.value, incidentUpdatedEvent.type);
    const grouped = await send({ topic_arn: FIFO, message_group_id: 'status-eu' });
    assert.equal(grouped.ok, true);
    assert.equal(form(rx.requests[0]!).fields.MessageGroupId, 'status-eu');
  });

  test('a wrong secret is refused by the endpoint (the signature is checked)', async () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'not-the-secret';
    try {
      const result = await send({ topic_arn: TOPIC });
      assert.equal(result.ok, false);
      assert.equal(signature, 'signature does not match');
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = TEST_AWS_CREDENTIALS.secretAccessKey;
    }
  });

  test('SNS errors: a bad parameter is final, a server error or throttling is retried', async () => {
    const cases = [
      { answer: snsError(400, 'Sender', 'InvalidParameter'), retryable: false, status: 400 },
      { answer: snsError(403, 'Sender', 'AuthorizationError'), retryable: false, status: 403 },
      { answer: snsError(500, 'Receiver', 'InternalError'), retryable: true, status: 500 },
      { answer: snsError(429, 'Sender', 'Throttled'), retryable: true, status: 429 },
    ];
    for (const c of cases) {
      rx.queueResponses(c.answer);
      const result = await send({ topic_arn: TOPIC });
      assert.equal(result.ok, false, JSON.stringify(c.answer));
      if (result.ok) continue;
      assert.equal(result.retryable, c.retryable, result.error);
      assert.equal(result.remoteStatus, c.status);
    }
  });

  test('the egress policy applies to the endpoint: a denied address is never contacted', async () => {
    const dispatcher = guardedDispatcher(
      createEgressPolicy(egressSchema.parse({ deny_private: true })).guardFor('api'),
    );
    rx.clear();
    try {
      const result = await snsNotifier.send(
        monitorDownEvent,
        snsNotifier.fields.parse({ topic_arn: TOPIC, region: REGION, endpoint: rx.url }),
        { ...testDeliveryContext('evt-down-1:sns-1'), dispatcher },
      );
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.retryable, false);
        assert.match(result.error, /egress/);
      }
      assert.equal(rx.requests.length, 0);
    } finally {
      await dispatcher.close();
    }
  });
});

describe('sns: config', () => {
  test('the topic ARN and region are checked', () => {
    const parse = (c: object) => snsNotifier.fields.safeParse({ region: REGION, topic_arn: TOPIC, ...c }).success;
    assert.equal(parse({}), true);
    assert.equal(parse({ topic_arn: FIFO }), true);
    assert.equal(parse({ topic_arn: 'arn:aws:sqs:eu-west-1:123456789012:q' }), false);
    assert.equal(parse({ region: 'Europe' }), false);
    assert.equal(parse({ secret: 'x' }), false);
  });
});
