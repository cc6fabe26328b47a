import type { NodemailerError } from 'nodemailer';
import type { EgressGuard } from '../../egress/egress-policy.ts';
import { redactSecrets } from '../http/redact-secrets.ts';
import type { DeliveryResult } from '../notifier.ts';
import type { Mailbox, SmtpConfig } from './schema.ts';
import { smtpTransportFor } from './smtp-transports.ts';

/** One mail, whatever sends it (a channel's alert, a subscriber's confirmation or update). */
export interface OutgoingMail {
  from: Mailbox;
  to: readonly string[];
  cc?: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** without the angle brackets, e.g. from `messageIdFor(idempotencyKey)`: a retry carries the same id */
  messageId?: string;
  /** extra headers, e.g. { 'List-Unsubscribe': '<https://…>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } */
  headers?: Record<string, string>;
}

/**
 * Hands a mail to the SMTP server of `smtp`, mapped to a DeliveryResult; never throws. Every connection to the server
 * passes `egress`, the guard of whoever defined the server (config file or API).
 */
export async function sendMail(
  smtp: SmtpConfig,
  mail: OutgoingMail,
  egress: EgressGuard,
  signal?: AbortSignal,
): Promise<DeliveryResult> {
  try {
    const info = await smtpTransportFor(smtp, egress).sendMail({
      // copies: nodemailer writes into address objects, and the config is frozen
      from: typeof mail.from === 'string' ? mail.from : { ...mail.from },
      to: [...mail.to],
      ...(mail.cc?.length ? { cc: [...mail.cc] } : {}),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(mail.messageId ? { messageId: `<${mail.messageId}>` } : {}),
      headers: { 'Auto-Submitted': 'auto-generated', ...mail.headers },
      ...(signal ? { signal } : {}),
    });
    return { ok: true, remoteStatus: replyCode(info.response) ?? 250 };
  } catch (err) {
    return redactSecrets(smtpFailure(err as NodemailerError), [smtp.pass]);
  }
}

// Failures without an SMTP reply that a retry would meet again: a broken config, no recipients, no way to log in.
const PERMANENT_WITHOUT_REPLY = new Set(['ECONFIG', 'ENOAUTH', 'EENVELOPE', 'EAUTH', 'EREQUIRETLS', 'EMAXRECIPIENTS']);

/**
 * An SMTP error as a result: a 5xx reply (except 503, a session out of step) is final, a 4xx one is "try later";
 * without a reply (refused connection, timeout, dropped TLS, an abort) it is retryable unless the config is at fault.
 * A target the egress policy refuses is final, with the policy's reason.
 */
export function smtpFailure(err: NodemailerError): Extract<DeliveryResult, { ok: false }> {
  const message = err.message ?? String(err);
  if (err.code === 'egress_denied') return { ok: false, retryable: false, error: message };
  if (typeof err.responseCode === 'number') {
    const code = err.responseCode;
    return {
      ok: false,
      retryable: !(code >= 500 && code !== 503),
      error: `SMTP ${code}: ${message}`,
      remoteStatus: code,
      ...(err.response ? { remoteBody: err.response.slice(0, 500) } : {}),
    };
  }
  const code = err.code ?? '';
  return { ok: false, retryable: !PERMANENT_WITHOUT_REPLY.has(code), error: code ? `${code}: ${message}` : message };
}

function replyCode(response: unknown): number | undefined {
  const m = typeof response === 'string' ? /^(\d{3})\b/.exec(response) : null;
  return m ? Number(m[1]) : undefined;
}

/** A Message-ID (without brackets) from an idempotency key: only characters a msg-id may hold, the rest as =XX. */
export function messageIdFor(key: string): string {
  const local = key.replace(/[^A-Za-z0-9_-]/g, (c) =>
    [...Buffer.from(c)].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return `${local}@pharos`;
}
