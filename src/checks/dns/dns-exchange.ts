import dgram from 'node:dgram';
import net from 'node:net';
import { errorMessage } from '../failure-message.ts';

export interface DnsServer {
  /** An IP address (resolve a host name before). */
  ip: string;
  port: number;
}

/** A running exchange: resolves with the raw response whose id matches; its error is the failure. */
type Settle = (err: Error | null, response?: Buffer) => void;

/**
 * Sends a query over UDP and waits for the response carrying the same id (others are ignored, as a
 * spoofed or stale answer would be). The socket is connected, so an ICMP "port unreachable" fails fast.
 */
export function udpExchange(server: DnsServer, query: Buffer, signal: AbortSignal): Promise<Buffer> {
  return withSignal(signal, (settle) => {
    const socket = dgram.createSocket(net.isIPv6(server.ip) ? 'udp6' : 'udp4');
    const id = query.readUInt16BE(0);
    socket.on('message', (message) => {
      if (message.length >= 12 && message.readUInt16BE(0) === id) settle(null, message);
    });
    // An ICMP refusal surfaces as "recvmsg ECONNREFUSED": say where to, as net's messages do.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      settle(new Error(err.code ? `udp ${err.code} ${server.ip}:${server.port}` : errorMessage(err)));
    });
    socket.connect(server.port, server.ip, () => socket.send(query));
    return () => socket.close();
  });
}

/** The same over TCP (after a truncated UDP answer): a two-byte length before each message. */
export function tcpExchange(server: DnsServer, query: Buffer, signal: AbortSignal): Promise<Buffer> {
  return withSignal(signal, (settle) => {
    const socket = net.connect({ host: server.ip, port: server.port });
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16BE(query.length);
    socket.once('connect', () => socket.write(Buffer.concat([prefix, query])));
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        settle(null, buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
      }
    });
    socket.once('close', () => settle(new Error('connection closed before a complete DNS response')));
    socket.once('error', (err) => settle(new Error(errorMessage(err))));
    return () => socket.destroy();
  });
}

/** Runs an exchange until it settles or the signal aborts, then releases its socket. */
function withSignal(signal: AbortSignal, start: (settle: Settle) => () => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    // Filled in once start() has opened the socket; an exchange never settles synchronously, but be safe.
    const socket: { release?: () => void } = {};
    let settled = false;
    const settle: Settle = (err, response) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.release?.();
      if (err) reject(err);
      else resolve(response as Buffer);
    };
    const onAbort = () => settle(new Error('aborted'));
    if (signal.aborted) return settle(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.release = start(settle);
    if (settled) socket.release();
  });
}
