import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { TestKeyPair } from './test-certificates.ts';

/**
 * A real SMTP server on 127.0.0.1 (random port) for mail tests: it parses what it accepts with mailparser and can be
 * told to refuse messages with an SMTP reply.
 *
 *   const smtp = await startSmtpTestServer({ auth: { user: 'u', pass: 'p' }, tls: (await testCertificates()).selfSigned });
 *   // … send to 127.0.0.1:smtp.port (STARTTLS offered because `tls` was given; AUTH PLAIN and LOGIN) …
 *   const [mail] = await smtp.waitFor(1);        // mail.subject, mail.text, mail.html, mail.messageId, mail.headers,
 *                                                 // mail.raw, mail.envelope, mail.secure (STARTTLS/TLS used), mail.user
 *   smtp.setFailure(() => ({ code: 451, message: 'Try again later' }));   // refuse every later message
 *   await smtp.close();
 */
export interface ReceivedMail extends ParsedMail {
  /** the message as it came over the wire */
  raw: string;
  /** MAIL FROM and RCPT TO */
  envelope: { from: string | null; to: string[] };
  /** the session was encrypted (STARTTLS or implicit TLS) */
  secure: boolean;
  /** the user it authenticated as, if any */
  user?: string;
}

/** An SMTP reply to refuse a message with, e.g. { code: 550, message: 'No such user' }; null accepts it. */
export type SmtpFailure = (mail: ReceivedMail) => { code: number; message: string } | null;

export interface SmtpTestServerOptions {
  /** require AUTH with these credentials; `methods` default PLAIN and LOGIN */
  auth?: { user: string; pass: string; methods?: ('PLAIN' | 'LOGIN')[] };
  /** offer STARTTLS with this key and certificate (or, with `implicitTls`, speak TLS from the first byte) */
  tls?: TestKeyPair;
  implicitTls?: boolean;
  failWith?: SmtpFailure;
}

export interface SmtpTestServer {
  host: '127.0.0.1';
  port: number;
  /** accepted messages, in arrival order */
  readonly messages: readonly ReceivedMail[];
  /** messages refused through `failWith` / `setFailure` */
  readonly rejected: readonly ReceivedMail[];
  /** TCP connections accepted so far */
  connections(): number;
  /** AUTH attempts, in order (method and user name) */
  readonly auths: readonly { method: string; user: string | undefined; ok: boolean }[];
  /** resolves once at least `count` messages were accepted; rejects after `timeoutMs` */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  setFailure(failure: SmtpFailure | null): void;
  close(): Promise<void>;
}

export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const rejected: ReceivedMail[] = [];
  const auths: { method: string; user: string | undefined; ok: boolean }[] = [];
  const waiters = new Set<() => void>();
  let failure = options.failWith ?? null;
  const { auth, tls } = options;

  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 100,
    secure: Boolean(tls && options.implicitTls),
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    disabledCommands: [...(tls ? [] : ['STARTTLS']), ...(auth ? [] : ['AUTH'])],
    authOptional: !auth,
    authMethods: auth?.methods ?? ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    onAuth(attempt, _session, callback) {
      const ok = Boolean(auth) && attempt.username === auth!.user && attempt.password === auth!.pass;
      auths.push({ method: attempt.method, user: attempt.username, ok });
      if (!ok) return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      callback(null, { user: attempt.username });
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const mail: ReceivedMail = Object.assign(parsed, {
              raw,
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              secure: session.secure,
              ...(session.user !== undefined ? { user: String(session.user) } : {}),
            });
            const refusal = failure?.(mail) ?? null;
            if (refusal) {
              rejected.push(mail);
              return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
            }
            messages.push(mail);
            for (const wake of waiters) wake();
            callback(null, 'Queued');
          },
          (err: unknown) =>
            callback(Object.assign(new Error(`unparsable message: ${String(err)}`), { responseCode: 554 })),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  let connections = 0;
  server.server.on('connection', () => connections++);

  return {
    host: '127.0.0.1',
    port,
    messages,
    rejected,
    auths,
    connections: () => connections,
    setFailure(f) {
      failure = f;
    },
    waitFor(count, timeoutMs = 5_000) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve([...messages]);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} message(s); got ${messages.length}`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
