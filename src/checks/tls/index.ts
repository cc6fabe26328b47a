import net from 'node:net';
import tls from 'node:tls';
import type { Probe } from '../../domain/probe.ts';
import { EgressDeniedError } from '../../egress/egress-denied-error.ts';
import { openGuardedSocket } from '../../egress/guarded-connect.ts';
import type { CheckContext, CheckType } from '../check-type.ts';
import { abortMessage, errorMessage } from '../failure-message.ts';
import { phaseTimings } from '../phase-timings.ts';
import { certificateExpiry, summarizeCertificate } from './certificate-summary.ts';
import { tlsCheckFields, type TlsCheckConfig } from './schema.ts';
import { trustStoreWith } from './trust-store.ts';
import { verificationError } from './verification-error.ts';

/**
 * TLS handshake with host:port, reporting the peer certificate. The handshake always completes without
 * verification so that a bad certificate can still be read; with `verify` on, an untrusted chain or a
 * name mismatch then becomes the error, worded as Node would refuse it.
 */
export const tlsCheck: CheckType<'tls', typeof tlsCheckFields> = {
  kind: 'tls',
  fields: tlsCheckFields,
  example: { type: 'tls', host: 'example.com' },
  defaultConditions: ['[CONNECTED] == true', '[CERTIFICATE_EXPIRATION] > 0'],
  placeholders: ['CERTIFICATE_EXPIRATION', 'CONNECTED', 'RESPONSE_TIME', 'IP'],
  measuresLatency: true,
  runsOnCheckThread: true,
  target: (config) => ({ host: config.host, limitKey: config.host.toLowerCase(), field: 'host' }),
  publicTarget: (config) => `${config.host}:${config.port}`,
  secretTarget: (config) => `${config.host.toLowerCase()}:${config.port}`,
  form: [
    { path: 'host', name: 'tls_host', label: 'Host', input: 'text', required: true },
    { path: 'port', name: 'tls_port', label: 'Port', input: 'number', initial: '443', min: 1, max: 65535 },
    { path: 'servername', label: 'Server name (SNI)', input: 'text', hint: 'Default: the host.' },
    { path: 'ca', label: 'Extra CA certificates (PEM)', input: 'textarea', rows: 3 },
    { path: 'verify', label: 'Fail on an untrusted chain or a name mismatch', input: 'checkbox', initial: true },
  ],
  run(config, ctx) {
    return new Promise<Probe>((resolve) => {
      try {
        probeTls(config, ctx, resolve);
      } catch (err) {
        // Options Node rejects up front, such as a `ca` that is not PEM.
        resolve({ startedAt: ctx.now(), responseTimeMs: 0, connected: false, error: errorMessage(err) });
      }
    });
  },
};

function probeTls(config: TlsCheckConfig, ctx: CheckContext, resolve: (probe: Probe) => void): void {
  const startedAt = ctx.now();
  const began = performance.now();
  const expectedName = config.servername ?? config.host;
  let connectMs: number | undefined;
  let settled = false;

  let socket: tls.TLSSocket;
  try {
    const options = {
      servername: net.isIP(expectedName) ? undefined : expectedName,
      secureContext: config.ca === undefined ? undefined : trustStoreWith(config.ca),
      rejectUnauthorized: false,
      checkServerIdentity: (_host: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(expectedName, cert),
    };
    socket = openGuardedSocket({ host: config.host, port: config.port, tls: options }, ctx.egress) as tls.TLSSocket;
  } catch (err) {
    if (!(err instanceof EgressDeniedError)) throw err;
    return resolve({ startedAt, responseTimeMs: 0, connected: false, error: err.message });
  }

  const finish = (probe: Omit<Probe, 'startedAt' | 'responseTimeMs'>) => {
    if (settled) return;
    settled = true;
    ctx.signal.removeEventListener('abort', onAbort);
    socket.destroy();
    resolve({ startedAt, responseTimeMs: Math.round(performance.now() - began), ...probe });
  };
  const onAbort = () =>
    finish({ connected: false, error: abortMessage(ctx), timings: phaseTimings({ connect: connectMs }) });

  socket.once('connect', () => (connectMs = performance.now() - began));
  socket.once('secureConnect', () => {
    const tlsMs = performance.now() - began - (connectMs ?? 0);
    const cert = socket.getPeerCertificate();
    const problem = verificationError(socket, expectedName);
    finish({
      connected: true,
      error: config.verify ? problem : undefined,
      ip: socket.remoteAddress,
      certificateExpiresAt: certificateExpiry(cert),
      timings: phaseTimings({ connect: connectMs, tls: tlsMs }),
      details: {
        authorized: socket.authorized,
        authorizationError: problem,
        protocol: socket.getProtocol() ?? undefined,
        ...summarizeCertificate(cert),
      },
    });
  });
  socket.once('error', (err) =>
    finish({ connected: false, error: errorMessage(err), timings: phaseTimings({ connect: connectMs }) }),
  );
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
}
