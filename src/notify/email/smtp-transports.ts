import type { Socket } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EgressGuard } from '../../egress/egress-policy.ts';
import { connectGuarded } from '../../egress/guarded-connect.ts';
import type { SmtpConfig } from './schema.ts';

const CONNECTION_TIMEOUT_MS = 15_000;

/**
 * One pooled transport per SMTP config and egress guard, so that a burst of mails reuses a few connections instead of
 * opening one each, and a connection opened for a config-file channel never carries an API channel's mail. Keyed by
 * the config itself: a changed config gets a new transport (the old one idles out and is closed with the rest on
 * shutdown).
 */
const transports = new Map<EgressGuard, Map<string, Transporter>>();

export function smtpTransportFor(smtp: SmtpConfig, guard: EgressGuard): Transporter {
  let byConfig = transports.get(guard);
  if (!byConfig) transports.set(guard, (byConfig = new Map()));
  const key = JSON.stringify(smtp, Object.keys(smtp).sort());
  let transport = byConfig.get(key);
  if (!transport) {
    const tls = { rejectUnauthorized: smtp.tls_reject_unauthorized, minVersion: 'TLSv1.2' as const };
    transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 3,
      maxMessages: 100,
      // nodemailer would resolve and connect on its own, past the egress policy: every socket comes from the guard
      // (the host name stays nodemailer's `host`, so STARTTLS checks the certificate against it and sends it as SNI)
      getSocket: (
        _options: unknown,
        callback: (err: Error | null, socket?: { connection: Socket; secured: boolean }) => void,
      ) => {
        connectGuarded(
          { host: smtp.host, port: smtp.port, timeoutMs: CONNECTION_TIMEOUT_MS, ...(smtp.secure ? { tls } : {}) },
          guard,
        ).then(
          (socket) => callback(null, { connection: socket, secured: smtp.secure }),
          (err: Error) => callback(err),
        );
      },
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: !smtp.secure && smtp.starttls === 'required',
      ignoreTLS: !smtp.secure && smtp.starttls === 'never',
      opportunisticTLS: smtp.starttls === 'opportunistic',
      ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      tls,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
      logger: false,
    });
    byConfig.set(key, transport);
  }
  return transport;
}

/** Close every pooled connection (shutdown, tests). */
export function closeEmailTransports(): void {
  for (const byConfig of transports.values()) for (const transport of byConfig.values()) transport.close();
  transports.clear();
}
