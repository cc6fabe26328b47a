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
  /** answer this long after the request arrives (a slow service: checks stay in flight) */
  delayMs: number;
  close(): Promise<void>;
}

export async function startClusterTarget(): Promise<ClusterTarget> {
  const failing = new Set<string>();
  const hits = new Map<string, number[]>();
  const target: ClusterTarget = {
    url: '',
    failing,
    hits,
    delayMs: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const id = (req.url ?? '/').slice(1);
    const times = hits.get(id) ?? [];
    times.push(Date.now());
    hits.set(id, times);
    const sick = failing.has(id);
    const answer = () => res.writeHead(sick ? 503 : 200, { 'content-type': 'text/plain' }).end(sick ? 'down' : 'ok');
    if (target.delayMs > 0) setTimeout(answer, target.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return target;
}
