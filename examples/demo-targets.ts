import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';

/**
 * Tiny services on 127.0.0.1 for the sample config to watch, so that `npm start` shows real checks,
 * a degraded endpoint and an outage that opens and resolves an incident, without internet.
 *   :8081/health  always healthy JSON
 *   :8081/api     healthy, latency 20–700 ms (sometimes "degraded" by the sample's latency rule)
 *   :8081/flaky   healthy for 90 s, then 500s for 45 s, repeating
 *   :8082         TCP service that greets with a banner
 */
export async function startDemoTargets(
  opts: { httpPort?: number; tcpPort?: number } = {},
): Promise<{ close(): Promise<void> }> {
  const started = Date.now();
  const http = createHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') return json(res, 200, { status: 'ok' });
    if (path === '/api')
      return void setTimeout(() => json(res, 200, { status: 'ok', items: [1, 2, 3] }), 20 + Math.random() * 680);
    if (path === '/flaky') {
      const inCycle = ((Date.now() - started) / 1000) % 135;
      return inCycle < 90
        ? json(res, 200, { status: 'ok' })
        : json(res, 500, { status: 'error', message: 'simulated outage' });
    }
    json(res, 404, { status: 'not found' });
  });
  const tcp = createTcpServer((socket) => {
    socket.on('error', () => {});
    socket.end('PHAROS-DEMO ready\r\n');
  });
  await listen(http, opts.httpPort ?? 8081);
  await listen(tcp, opts.tcpPort ?? 8082);
  return {
    close: async () => {
      await Promise.all([new Promise((r) => http.close(r)), new Promise((r) => tcp.close(r))]);
    },
  };
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function listen(server: Server | import('node:net').Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
