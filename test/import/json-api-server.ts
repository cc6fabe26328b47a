import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonApiRequest {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

/** A JSON API on 127.0.0.1 answering `answer(request)` (undefined: 404); it keeps every request it got. */
export async function startJsonApi(
  answer: (req: JsonApiRequest) => unknown,
): Promise<{ url: string; requests: JsonApiRequest[]; close(): Promise<void> }> {
  const requests: JsonApiRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request = { path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(request);
    const body = answer(request);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
