import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../config/subscribers-schema.ts';

/** One mail to one subscriber: both parts, and headers such as List-Unsubscribe. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Sends a mail or throws with the server's answer (the caller maps it to a DeliveryResult). */
export interface SubscriberMailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A pooled SMTP transport (nodemailer) from the subscribers' `email.smtp` settings. */
export function smtpSubscriberMailer(smtp: SmtpConfig, from: string): SubscriberMailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: !smtp.secure && smtp.starttls,
    ignoreTLS: !smtp.secure && !smtp.starttls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    tls: { rejectUnauthorized: smtp.tls_reject_unauthorized },
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
    },
    close: () => transport.close(),
  };
}

/** Whether an SMTP failure may pass on a later try: 4xx replies and network errors do, 5xx replies do not. */
export function smtpErrorIsRetryable(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code !== 'number' || code < 500;
}
