import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import { describeEvent } from '../message/describe-event.ts';
import { truncateText, truncateUtf8 } from '../message/truncate-text.ts';
import type { NotificationEvent } from '../notification-event.ts';
import { isFifoTopic, type SnsFields } from './schema.ts';

/** SNS: a subject of at most 100 characters without line breaks (email subscribers see it), a message under 256 KB. */
const SUBJECT_MAX = 100;
const MESSAGE_MAX_BYTES = 200_000;

export interface SnsMessage {
  TopicArn: string;
  Subject: string;
  Message: string;
  MessageAttributes: Record<string, MessageAttributeValue>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

/**
 * The Publish request for one event: subject and text from the shared wording, and attributes that subscription
 * filter policies can route on (event_type, severity, component(s), monitor). On a FIFO topic the delivery's
 * idempotency key is the deduplication id, so that a retried delivery is not delivered twice.
 */
export function renderSnsMessage(event: NotificationEvent, config: SnsFields, idempotencyKey: string): SnsMessage {
  const d = describeEvent(event);
  const facts = d.facts.map(([k, v]) => `${k}: ${v}`).join('\n');
  const text = [d.title, d.summary, facts, d.url].filter((s) => s !== '').join('\n\n');
  const attributes: Record<string, MessageAttributeValue> = {
    event_type: { DataType: 'String', StringValue: event.type },
    severity: { DataType: 'String', StringValue: d.severity },
  };
  if (event.components.length > 0) {
    attributes.component = { DataType: 'String', StringValue: event.components[0]!.id };
    attributes.components = {
      DataType: 'String.Array',
      StringValue: JSON.stringify(event.components.map((c) => c.id)),
    };
  }
  if (event.monitor) attributes.monitor = { DataType: 'String', StringValue: event.monitor.id };
  const message: SnsMessage = {
    TopicArn: config.topic_arn,
    Subject: truncateText(d.title.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e\u00a0-\uffff]/g, ''), SUBJECT_MAX),
    Message: truncateUtf8(text, MESSAGE_MAX_BYTES),
    MessageAttributes: attributes,
  };
  if (isFifoTopic(config.topic_arn)) {
    message.MessageGroupId = config.message_group_id;
    message.MessageDeduplicationId = deduplicationId(idempotencyKey);
  }
  return message;
}

/** At most 128 characters of letters, digits and punctuation: the key itself when it fits, else its hash. */
function deduplicationId(key: string): string {
  return /^[\x21-\x7e]{1,128}$/.test(key) ? key : createHash('sha256').update(key).digest('hex');
}
