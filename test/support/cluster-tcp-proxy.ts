import { connect, createServer, type Server, type Socket } from 'node:net';
import { pickStablePort } from './cluster-ports.ts';

/**
 * A TCP proxy on 127.0.0.1 in front of a server, so that a test can cut one client process off (a network
 * partition) while the others keep reaching the server.
 * - `cut()`: open connections are reset, and new ones at once (the peer is told: errors come fast);
 * - `stall()`: nothing passes, nobody is told (packets dropped: connects and queries hang), until `heal()`, when
 *   the bytes held back flow again, as TCP delivers them after a network comes back.
 */
export interface TcpProxy {
  port: number;
  cut(): void;
  stall(): void;
  heal(): void;
  readonly mode: 'open' | 'cut' | 'stalled';
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

export async function startTcpProxy(upstreamPort: number, upstreamHost = '127.0.0.1'): Promise<TcpProxy> {
  let mode: TcpProxy['mode'] = 'open';
  const pairs = new Set<Pair>();
  const end = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  };
  const flow = (pair: Pair) => {
    if (!pair.upstream) {
      pair.upstream = connect(upstreamPort, upstreamHost);
      pair.upstream.on('error', () => end(pair)).on('close', () => end(pair));
    }
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
    pair.client.resume();
    pair.upstream.resume();
  };
  const hold = (pair: Pair) => {
    pair.client.unpipe();
    pair.upstream?.unpipe();
    pair.client.pause();
    pair.upstream?.pause();
  };
  const server: Server = createServer((client) => {
    if (mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client };
    pairs.add(pair);
    client.on('error', () => end(pair)).on('close', () => end(pair));
    if (mode === 'open') flow(pair);
    else hold(pair);
  });
  const port = await pickStablePort();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  return {
    port,
    cut() {
      mode = 'cut';
      for (const pair of pairs) {
        pair.client.resetAndDestroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
    },
    stall() {
      mode = 'stalled';
      for (const pair of pairs) hold(pair);
    },
    heal() {
      const was = mode;
      mode = 'open';
      if (was === 'stalled') for (const pair of pairs) flow(pair);
    },
    get mode() {
      return mode;
    },
    async close() {
      for (const pair of pairs) end(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
