import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer without stickiness on 127.0.0.1: each request goes to the next backend in turn, over a new
 * connection. Every answer says which backend served it (`x-test-backend`), so a test can tell that two requests of
 * one flow reached different replicas.
 */
export interface RoundRobinProxy {
  url: string;
  port: number;
  /** which backend (index) served each request so far, in order */
  served: { path: string; backend: number }[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: () => string[], port = 0): Promise<RoundRobinProxy> {
  let next = 0;
  const served: RoundRobinProxy['served'] = [];
  const server = http.createServer((req, res) => {
    const targets = backends();
    const backend = next++ % targets.length;
    served.push({ path: req.url ?? '/', backend });
    const target = new URL(req.url ?? '/', targets[backend]);
    const upstream = http.request(target, { method: req.method, headers: req.headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-test-backend': String(backend) });
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'x-test-backend': String(backend) });
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
