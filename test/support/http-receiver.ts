import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TestKeyPair } from './test-certificates.ts';

/**
 * A programmable HTTP receiver on 127.0.0.1 (random port) for notifier and fault tests: it records every request
 * and answers what the test says, changeable at any time.
 *
 *   const rx = await startHttpReceiver();                        // answers 200 "ok"
 *   await notifier.send(event, { url: `${rx.url}/hook` }, ctx);
 *   const req = await rx.waitForRequest();                       // req.method, path, query, headers, body, json
 *   rx.respondWith({ status: 500 });                             // every request from now on
 *   rx.queueResponses({ status: 429, headers: { 'retry-after': '7' } }, { status: 503 });  // the next two, then back
 *   rx.respondWith((req) => ({ status: req.path === '/a' ? 200 : 404 }));  // per request
 *   rx.respondWith({ status: 200, delayMs: 60_000 });            // hang (a delivery timeout); close() cuts it
 *   await rx.close();
 *   const tls = await startHttpReceiver({ tls: (await testCertificates()).localhost });  // https://127.0.0.1:<port>
 */
export interface ReceivedRequest {
  method: string;
  /** the path without the query, e.g. "/hook" */
  path: string;
  /** the query string's parameters (the last value wins for repeated names; see `url` for the raw form) */
  query: Record<string, string>;
  /** the request target as sent, path and query */
  url: string;
  /** lower-case names, as Node parses them */
  headers: http.IncomingHttpHeaders;
  rawBody: Buffer;
  /** the body as UTF-8 */
  body: string;
  /** the body parsed as JSON; undefined when it is not JSON */
  json: unknown;
}

export interface ReceiverResponse {
  /** default 200 */
  status?: number;
  headers?: Record<string, string>;
  /** a string is sent as is (text/plain unless headers say otherwise); anything else as JSON. Default "ok" for 2xx, "HTTP <status>" otherwise; none for 204/304. */
  body?: unknown;
  /** wait this long before answering (cut short by close()) */
  delayMs?: number;
}

export type Responder = ReceiverResponse | ((req: ReceivedRequest) => ReceiverResponse | Promise<ReceiverResponse>);

export interface HttpReceiver {
  /** "http://127.0.0.1:<port>" (https with `tls`), no trailing slash */
  url: string;
  port: number;
  /** every request so far, in arrival order */
  readonly requests: readonly ReceivedRequest[];
  /** answer every later request this way */
  respondWith(responder: Responder): void;
  /** answer the next requests with these, one each, before falling back to the current responder */
  queueResponses(...responses: Responder[]): void;
  /** resolves once at least `count` requests have arrived in total (all of them); rejects after `timeoutMs` */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** the `nth` request (1-based) once it has arrived; rejects after `timeoutMs` */
  waitForRequest(nth?: number, timeoutMs?: number): Promise<ReceivedRequest>;
  /** forget the recorded requests (the responder stays) */
  clear(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function startHttpReceiver(
  options: { respond?: Responder; tls?: TestKeyPair } = {},
): Promise<HttpReceiver> {
  let responder: Responder = options.respond ?? { status: 200, body: 'ok' };
  const queue: Responder[] = [];
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<{ count: number; resolve: () => void }>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const received = toReceived(req, Buffer.concat(chunks));
      requests.push(received);
      for (const w of waiters) if (requests.length >= w.count) w.resolve();
      const current = queue.shift() ?? responder;
      void Promise.resolve()
        .then(() => (typeof current === 'function' ? current(received) : current))
        .then(
          (answer) => answerAfterDelay(res, answer, timers),
          (err: unknown) => answer(res, { status: 500, body: `responder failed: ${String(err)}` }),
        );
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handle)
    : http.createServer(handle);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitForRequests = (count: number, timeoutMs = 5_000): Promise<ReceivedRequest[]> => {
    if (requests.length >= count) return Promise.resolve([...requests]);
    return new Promise((resolve, reject) => {
      const waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve([...requests]);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} request(s); got ${requests.length}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    respondWith: (r) => {
      responder = r;
    },
    queueResponses: (...rs) => {
      queue.push(...rs);
    },
    waitForRequests,
    waitForRequest: async (nth = 1, timeoutMs) => (await waitForRequests(nth, timeoutMs))[nth - 1] as ReceivedRequest,
    clear: () => {
      requests.length = 0;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function toReceived(req: http.IncomingMessage, rawBody: Buffer): ReceivedRequest {
  const target = new URL(req.url ?? '/', 'http://receiver');
  const body = rawBody.toString('utf8');
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return {
    method: req.method ?? '',
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    url: req.url ?? '/',
    headers: req.headers,
    rawBody,
    body,
    json,
  };
}

function answerAfterDelay(res: http.ServerResponse, r: ReceiverResponse, timers: Set<NodeJS.Timeout>): void {
  if (!r.delayMs) return answer(res, r);
  const timer = setTimeout(() => {
    timers.delete(timer);
    answer(res, r);
  }, r.delayMs);
  timers.add(timer);
  res.on('close', () => {
    clearTimeout(timer);
    timers.delete(timer);
  });
}

function answer(res: http.ServerResponse, r: ReceiverResponse): void {
  if (res.destroyed) return;
  const status = r.status ?? 200;
  const isText = typeof r.body === 'string' || r.body === undefined;
  const fallback = status === 204 || status === 304 ? '' : status < 300 ? 'ok' : `HTTP ${status}`;
  const payload = isText ? ((r.body as string | undefined) ?? fallback) : JSON.stringify(r.body);
  const headers = {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    ...r.headers,
    'content-length': String(Buffer.byteLength(payload)),
  };
  res.writeHead(status, headers);
  res.end(payload);
}
