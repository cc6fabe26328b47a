import type { DeliveryContext, DeliveryResult, Notifier } from '../notifier.ts';
import { guardedRequestHandler } from './guarded-request-handler.ts';
import { renderSnsMessage } from './render-sns-message.ts';
import { snsFields, snsFieldTexts, type SnsFields } from './schema.ts';

/** SNS errors that retrying the same request cannot fix. */
const FINAL_ERRORS = new Set([
  'InvalidParameter',
  'InvalidParameterValue',
  'AuthorizationError',
  'NotFound',
  'InvalidSecurity',
  'KMSDisabled',
  'KMSInvalidState',
  'KMSNotFound',
]);

async function publish(
  config: SnsFields,
  event: Parameters<Notifier['send']>[0],
  ctx: DeliveryContext,
): Promise<DeliveryResult> {
  // loaded on first use: most installations have no SNS channel, and the SDK is large
  const { PublishCommand, SNSClient } = await import('@aws-sdk/client-sns');
  const client = new SNSClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    requestHandler: guardedRequestHandler(ctx.dispatcher, ctx.signal),
    // the outbox retries with its own backoff and keeps the count
    maxAttempts: 1,
  });
  try {
    const res = await client.send(new PublishCommand(renderSnsMessage(event, config, ctx.idempotencyKey)));
    return { ok: true, remoteStatus: res.$metadata.httpStatusCode };
  } catch (err) {
    return failure(err);
  } finally {
    client.destroy();
  }
}

function failure(err: unknown): DeliveryResult {
  const e = err as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string; message?: string };
    $metadata?: { httpStatusCode?: number };
  };
  const denied = e.code === 'egress_denied' || e.cause?.code === 'egress_denied';
  if (denied) return { ok: false, retryable: false, error: e.cause?.message ?? e.message ?? String(err) };
  const status = e.$metadata?.httpStatusCode;
  const error = `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
  if (status === undefined) return { ok: false, retryable: true, error };
  const retryable =
    !FINAL_ERRORS.has(e.name ?? '') &&
    (status >= 500 || status === 429 || status === 408 || /Throttl/.test(e.name ?? ''));
  return { ok: false, retryable, error, remoteStatus: status };
}

export const snsNotifier: Notifier<'sns', typeof snsFields> = {
  type: 'sns',
  fields: snsFields,
  fieldTexts: snsFieldTexts,
  // no secret in the channel: the credentials come from the AWS chain (task role, environment, profile)
  secretFields: [],
  secretTarget: (config) => `${config.endpoint ?? `https://sns.${config.region}.amazonaws.com`} ${config.topic_arn}`,
  template: { topic_arn: 'arn:aws:sns:eu-west-1:123456789012:pharos-alerts', region: 'eu-west-1' },
  send: (event, config, ctx) => publish(config, event, ctx),
};
