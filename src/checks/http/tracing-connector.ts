import net from 'node:net';
import tls from 'node:tls';
import type { buildConnector } from 'undici';
import type { EgressGuard } from '../../egress/egress-policy.ts';
import { openGuardedSocket } from '../../egress/guarded-connect.ts';
import { certificateExpiry } from '../tls/certificate-summary.ts';
import type { ConnectionTrace } from './connection-trace.ts';

export type ConnectionFacts = Omit<ConnectionTrace, 'firstByteMs'>;

export interface TracingConnectorOptions {
  verifyTls: boolean;
  /** Judges the address connected to: a literal before connecting, a name through the lookup. */
  egress: EgressGuard;
  /** Per-check connections: abandon the connect when the check is aborted, so no socket outlives it. */
  signal?: AbortSignal;
  /** Shared keep-alive connections outlive any one check: give up connecting after this long instead. */
  connectTimeoutMs?: number;
  onConnected(facts: ConnectionFacts, origin: string): void;
}

/**
 * An undici connector that opens a plain or TLS socket itself, so that it can time the DNS, TCP and TLS
 * phases, read the remote address and peer certificate, and tie the connect to the check's signal.
 * No TLS session cache: every handshake is a full one, so a renewed certificate is seen at once.
 */
export function tracingConnector(options: TracingConnectorOptions): buildConnector.connector {
  return (target, callback) => {
    const started = performance.now();
    const isHttps = target.protocol === 'https:';
    const port = Number(target.port) || (isHttps ? 443 : 80);
    const host = target.hostname;
    const servername = target.servername || (net.isIP(host) ? undefined : host);
    let socket: net.Socket | tls.TLSSocket;
    try {
      socket = openGuardedSocket(
        {
          host,
          port,
          ...(isHttps
            ? { tls: { servername, rejectUnauthorized: options.verifyTls, ALPNProtocols: ['http/1.1'] } }
            : {}),
        },
        options.egress,
      );
    } catch (err) {
      queueMicrotask(() => callback(err as Error, null));
      return;
    }
    socket.setNoDelay(true);

    let lookupAt: number | undefined;
    let tcpAt: number | undefined;
    let settled = false;
    const timeoutMs = options.connectTimeoutMs;
    const timer = timeoutMs
      ? setTimeout(() => fail(new Error(`connect timeout after ${timeoutMs} ms`)), timeoutMs)
      : undefined;
    const onAbort = () => fail(new Error('connect aborted'));

    const settle = () => {
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    function fail(err: Error): void {
      if (settled) return;
      settle();
      socket.destroy();
      callback(err, null);
    }
    const onReady = () => {
      if (settled) return;
      settle();
      socket.off('error', fail);
      const readyAt = performance.now();
      const tcpDoneAt = tcpAt ?? readyAt;
      const facts: ConnectionFacts = {
        connected: true,
        ip: socket.remoteAddress,
        readyAt,
        dnsMs: lookupAt === undefined ? undefined : lookupAt - started,
        connectMs: tcpDoneAt - (lookupAt ?? started),
        tlsMs: isHttps ? readyAt - tcpDoneAt : undefined,
        certificateExpiresAt: isHttps ? certificateExpiry((socket as tls.TLSSocket).getPeerCertificate()) : undefined,
      };
      options.onConnected(facts, `${target.protocol}//${target.host ?? host}`);
      callback(null, socket);
    };

    socket.once('lookup', () => (lookupAt = performance.now()));
    socket.once('connect', () => (tcpAt = performance.now()));
    socket.once(isHttps ? 'secureConnect' : 'connect', onReady);
    socket.once('error', fail);
    if (options.signal?.aborted) fail(new Error('connect aborted'));
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  };
}
