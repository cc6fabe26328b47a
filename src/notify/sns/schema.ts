import { z } from 'zod';
import type { FieldTexts } from '../field-texts.ts';

/** An SNS topic ARN: standard, or FIFO (the name ends in .fifo). */
const TOPIC_ARN = /^arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,251}(\.fifo)?$/;

/** An AWS SNS topic: email, SMS, Lambda or chat subscribers get every alert. Credentials from the standard AWS chain. */
export const snsFields = z
  .object({
    topic_arn: z.string().regex(TOPIC_ARN, 'an SNS topic ARN like arn:aws:sns:eu-west-1:123456789012:pharos-alerts'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region like eu-west-1'),
    /** another SNS API address (a VPC endpoint, LocalStack); passes the egress policy like any target */
    endpoint: z.url().optional(),
    /** FIFO topics: the message group (messages of one group are delivered in order) */
    message_group_id: z
      .string()
      .regex(/^[A-Za-z0-9!-/:-@[-`{-~]{1,128}$/, '1–128 letters, digits or punctuation')
      .default('pharos'),
  })
  .strict();
export type SnsFields = z.infer<typeof snsFields>;

export function isFifoTopic(topicArn: string): boolean {
  return topicArn.endsWith('.fifo');
}

/** The admin form's texts for each field (see channel-form.ts). */
export const snsFieldTexts: FieldTexts<typeof snsFields> = {
  topic_arn: {
    label: 'Topic ARN',
    help: 'The SNS topic that fans the alerts out (email, SMS, Lambda, chat). A FIFO topic ends in .fifo.',
    placeholder: 'arn:aws:sns:eu-west-1:123456789012:pharos-alerts',
  },
  region: { label: 'Region', help: "The topic's AWS region.", placeholder: 'eu-west-1' },
  endpoint: {
    label: 'SNS endpoint',
    help: 'Leave empty for AWS itself; another SNS API address (a VPC endpoint). It passes the egress policy.',
  },
  message_group_id: {
    label: 'Message group (FIFO topics)',
    help: 'Messages of one group are delivered in order; ignored on standard topics.',
  },
};
