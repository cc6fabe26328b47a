import type { SubscribersConfig } from '../../config/subscribers-schema.ts';
import type { EgressGuard } from '../../egress/egress-policy.ts';
import type { Mailbox } from '../email/schema.ts';
import { messageIdFor, sendMail } from '../email/send-mail.ts';
import type { DeliveryResult } from '../notifier.ts';

/** One mail to one subscriber: both parts, and headers such as List-Unsubscribe. */
export interface SubscriberMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** a retry of the same delivery carries the same Message-ID */
  idempotencyKey?: string;
}

/** Hands a subscriber's mail to the SMTP server; never throws. */
export interface SubscriberMailer {
  send(mail: SubscriberMail, signal?: AbortSignal): Promise<DeliveryResult>;
}

/** Through the email notifier's pooled SMTP transports, from `subscribers.email`; connections pass `egress`. */
export function smtpSubscriberMailer(
  email: NonNullable<SubscribersConfig['email']>,
  egress: EgressGuard,
): SubscriberMailer {
  return {
    send: (mail, signal) =>
      sendMail(
        email.smtp,
        {
          from: copyOf(email.from),
          to: [mail.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          ...(mail.idempotencyKey && { messageId: messageIdFor(mail.idempotencyKey) }),
        },
        egress,
        signal,
      ),
  };
}

/** nodemailer writes into the address object it is given, and the config is frozen: hand it a copy. */
function copyOf(from: Mailbox): Mailbox {
  return typeof from === 'string' ? from : { ...from };
}
