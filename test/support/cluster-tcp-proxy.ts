import { connect, createServer, type Server, type Socket } from 'node:net';
import { pickStablePort } from './cluster-ports.ts';

/**
 * A TCP proxy on 127.0.0.1 in front of a server, so that a test can cut one client process off (a network
 * partition) while the others keep reaching the server. Cut: open connections are reset and new ones are reset
 * at once; healed: connections pass again.
 */
export interface TcpProxy {
  port: number;
  /** reset every connection through the proxy, and every new one until `heal()` */
  cut(): void;
  heal(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(upstreamPort: number, upstreamHost = '127.0.0.1'): Promise<TcpProxy> {
  let isCut = false;
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(upstreamPort, upstreamHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await pickStablePort();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  return {
    port,
    cut() {
      isCut = true;
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    heal() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
