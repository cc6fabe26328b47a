import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TestKeyPair } from './test-certificates.ts';

/**
 * An HTTP(S) server on 127.0.0.1 with routes for check tests:
 *   /status/<code>        that status, body "status <code>"
 *   /slow/<ms>            200 after <ms>
 *   /redirect/<n>         a chain of n 302s ending in 200 "redirected"
 *   /redirect-loop        302 to itself, forever
 *   /see-other            303 to /echo
 *   /moved-to?url=<u>     302 to <u>
 *   /json                 {"ok":true,"service":"pharos"} as application/json
 *   /headers              x-test and two set-cookie headers
 *   /echo                 {"method","headers","body"} of the request, as JSON
 *   /bytes/<n>            n bytes of "a"
 *   /stall-body           headers and a first chunk, then nothing
 */
export interface HttpTestServer {
  /** "http://127.0.0.1:<port>" (or https) */
  url: string;
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** Connections still open. */
  open(): number;
  close(): Promise<void>;
}

export async function startHttpTestServer(tls?: TestKeyPair): Promise<HttpTestServer> {
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handle) : http.createServer(handle);
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on(tls ? 'secureConnection' : 'connection', () => connections++);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    open: () => sockets.size,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://test');
  const [, route = '', arg = ''] = url.pathname.split('/');
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    switch (route) {
      case 'status':
        return send(res, Number(arg), `status ${arg}`);
      case 'slow': {
        const timer = setTimeout(() => send(res, 200, 'slow'), Number(arg));
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'redirect':
        return Number(arg) > 0 ? redirect(res, 302, `/redirect/${Number(arg) - 1}`) : send(res, 200, 'redirected');
      case 'redirect-loop':
        return redirect(res, 302, '/redirect-loop');
      case 'see-other':
        return redirect(res, 303, '/echo');
      case 'moved-to':
        return redirect(res, 302, url.searchParams.get('url') ?? '/');
      case 'json':
        res.setHeader('content-type', 'application/json');
        return send(res, 200, JSON.stringify({ ok: true, service: 'pharos' }));
      case 'headers':
        res.setHeader('x-test', 'yes');
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        return send(res, 200, 'headers');
      case 'echo':
        res.setHeader('content-type', 'application/json');
        return send(
          res,
          200,
          JSON.stringify({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString() }),
        );
      case 'bytes':
        return send(res, 200, 'a'.repeat(Number(arg)));
      case 'stall-body':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
        return;
      default:
        return send(res, 404, 'not found');
    }
  });
}

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': String(res.getHeader('content-type') ?? 'text/plain'),
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function redirect(res: http.ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, 'content-length': 0 });
  res.end();
}
