import net from 'node:net';
import tls from 'node:tls';
import { EgressDeniedError } from './egress-denied-error.ts';
import type { EgressGuard } from './egress-policy.ts';
import { deniedLiteralHost, guardedLookup, type LookupAll } from './guarded-lookup.ts';

export interface GuardedSocketOptions {
  /** a name or an IP literal ("[::1]" too) */
  host: string;
  port: number;
  /**
   * TLS from the first byte with these options. The certificate is checked against `servername`, else the host as
   * given (the name, never the resolved address); `servername` (SNI) defaults to the host when it is a name.
   */
  tls?: Omit<tls.ConnectionOptions, 'host' | 'port' | 'lookup' | 'socket' | 'path'>;
  /** the resolver behind the guarded lookup (tests play a rebinding one) */
  resolve?: LookupAll;
}

/**
 * A TCP or TLS socket, connecting, to a target someone chose: the one way raw sockets leave Pharos (SMTP, TCP and TLS
 * checks, and any protocol to come: databases, brokers, SSH). A literal IP is judged before connecting; a name goes
 * through the guarded lookup, which judges every address it resolves to, and the socket connects to one of those.
 * Throws EgressDeniedError for a denied literal; a denied name surfaces as the socket's 'error' (before any connect).
 */
export function openGuardedSocket(options: GuardedSocketOptions, guard: EgressGuard): net.Socket | tls.TLSSocket {
  const host = options.host.replace(/^\[(.*)\]$/, '$1');
  const denial = deniedLiteralHost(guard, host);
  if (denial) throw new EgressDeniedError(denial);
  const lookup = guardedLookup(guard, options.resolve);
  if (!options.tls) return net.connect({ host, port: options.port, lookup });
  const servername = 'servername' in options.tls ? options.tls.servername : net.isIP(host) ? undefined : host;
  return tls.connect({
    ...options.tls,
    host,
    port: options.port,
    lookup,
    ...(servername === undefined ? {} : { servername }),
  });
}

export interface GuardedConnectOptions extends GuardedSocketOptions {
  /** give up connecting (and the TLS handshake) after this long */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The target could not be reached: refused, unreachable, unknown name or no answer in time. One message for all (the
 * errno is the `cause`), so that an answer shown to someone does not tell a closed port from a filtered one.
 */
export class ConnectFailedError extends Error {
  readonly code = 'ECONNECTION';

  constructor(host: string, port: number, cause: unknown) {
    super(`could not connect to ${host}:${port}`, { cause });
    this.name = 'ConnectFailedError';
  }
}

/**
 * `openGuardedSocket`, resolved once connected (after the TLS handshake with `tls`): for clients that take a ready
 * socket (nodemailer's `getSocket`). Rejects with EgressDeniedError when the guard refuses the target, with
 * ConnectFailedError when nothing answered (or not in time), else with the handshake or abort error; the socket is
 * destroyed then.
 */
export function connectGuarded(
  options: GuardedConnectOptions,
  guard: EgressGuard,
): Promise<net.Socket | tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    let socket: net.Socket | tls.TLSSocket;
    try {
      options.signal?.throwIfAborted();
      socket = openGuardedSocket(options, guard);
    } catch (err) {
      reject(err as Error);
      return;
    }
    let connected = false;
    const onConnect = () => (connected = true);
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              fail(
                Object.assign(
                  new Error(`${connected ? 'TLS handshake' : 'connect'} timed out after ${options.timeoutMs} ms`),
                  { code: 'ETIMEDOUT' },
                ),
              ),
            options.timeoutMs,
          );
    const onAbort = () => fail(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    const settle = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', fail);
      socket.removeListener('connect', onConnect);
      socket.removeListener(options.tls ? 'secureConnect' : 'connect', done);
    };
    function fail(err: Error) {
      settle();
      socket.destroy();
      const unreached = !connected && !(err instanceof EgressDeniedError) && !options.signal?.aborted;
      reject(unreached ? new ConnectFailedError(options.host, options.port, err) : err);
    }
    function done() {
      settle();
      resolve(socket);
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', onConnect);
    socket.once('error', fail);
    socket.once(options.tls ? 'secureConnect' : 'connect', done);
  });
}
