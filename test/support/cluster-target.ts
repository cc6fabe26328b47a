import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The services a test cluster monitors: one HTTP server on 127.0.0.1 answering `/<monitor id>` with 200, or 503
 * for the ids in `failing`, which the test switches. It keeps when each monitor's check reached it, so a test can
 * match every check made to a stored result.
 */
export interface ClusterTarget {
  url: string;
  readonly failing: Set<string>;
  /** arrival times of the requests, per monitor id */
  readonly hits: Map<string, number[]>;
  close(): Promise<void>;
}

export async function startClusterTarget(): Promise<ClusterTarget> {
  const failing = new Set<string>();
  const hits = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const id = (req.url ?? '/').slice(1);
    const times = hits.get(id) ?? [];
    times.push(Date.now());
    hits.set(id, times);
    const sick = failing.has(id);
    res.writeHead(sick ? 503 : 200, { 'content-type': 'text/plain' }).end(sick ? 'down' : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failing,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
