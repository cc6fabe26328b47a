import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PublicAnswer } from './resolve-public-request.ts';
import type { StreamHub } from './stream-hub.ts';

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };

/**
 * Write a public answer straight to Node's response: the hot path of a status page under load skips the framework
 * (routing, hooks, serialisation) and copies bytes from memory. 304 on a matching ETag; brotli or gzip by Accept-Encoding.
 */
export function servePublicRaw(req: IncomingMessage, res: ServerResponse, answer: PublicAnswer, streams: StreamHub): void {
  switch (answer.kind) {
    case 'starting':
      return json(res, 503, { error: 'starting', message: 'status not loaded yet' }, { 'retry-after': '1' });
    case 'error':
      return json(res, answer.status, { error: answer.error, message: answer.message, ...(answer.field ? { field: answer.field } : {}) });
    case 'stream':
      if (!streams.add(res, answer.page.mountKey, answer.page)) json(res, 503, { error: 'busy', message: 'too many live viewers' }, { 'retry-after': '5' });
      return;
    case 'asset': {
      const { asset } = answer;
      const headers: Record<string, string | number> = { ...SECURITY_HEADERS, etag: asset.etag, 'cache-control': answer.cacheControl, vary: 'accept-encoding' };
      if (answer.cors) headers['access-control-allow-origin'] = '*';
      const inm = req.headers['if-none-match'];
      if (inm && (inm === asset.etag || inm.split(/\s*,\s*/).includes(asset.etag))) {
        res.writeHead(304, headers).end();
        return;
      }
      headers['content-type'] = asset.contentType;
      const accept = req.headers['accept-encoding'] ?? '';
      let body = asset.body;
      if (body.length > 512 && accept.includes('br')) {
        body = asset.br;
        headers['content-encoding'] = 'br';
      } else if (body.length > 512 && accept.includes('gzip')) {
        body = asset.gzip;
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  }
}

function json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...extra }).end(text);
}
