import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from './schema.ts';

/**
 * One pooled transport per SMTP config, so that a burst of mails reuses a few connections instead of opening one
 * each. Keyed by the config itself: a changed config gets a new transport (the old one idles out and is closed with
 * the rest on shutdown).
 */
const transports = new Map<string, Transporter>();

export function smtpTransportFor(smtp: SmtpConfig): Transporter {
  const key = JSON.stringify(smtp, Object.keys(smtp).sort());
  let transport = transports.get(key);
  if (!transport) {
    transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 3,
      maxMessages: 100,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: !smtp.secure && smtp.starttls === 'required',
      ignoreTLS: !smtp.secure && smtp.starttls === 'never',
      opportunisticTLS: smtp.starttls === 'opportunistic',
      ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      tls: { rejectUnauthorized: smtp.tls_reject_unauthorized, minVersion: 'TLSv1.2' },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
      logger: false,
    });
    transports.set(key, transport);
  }
  return transport;
}

/** Close every pooled connection (shutdown, tests). */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
