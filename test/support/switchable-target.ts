import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP target on 127.0.0.1 whose health a test switches. */
export interface SwitchableTarget {
  url: string;
  healthy: boolean;
  requests: number;
  close(): Promise<void>;
}

export async function startSwitchableTarget(): Promise<SwitchableTarget> {
  const target = { healthy: true, requests: 0 } as SwitchableTarget;
  const server: Server = createServer((_req, res) => {
    target.requests += 1;
    res.writeHead(target.healthy ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: target.healthy ? 'ok' : 'down' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target.close = () => new Promise((resolve) => server.close(() => resolve()));
  return target;
}
