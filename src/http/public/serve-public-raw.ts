import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RenderedAsset } from './rendered-asset.ts';
import type { PublicRequestHeaders } from './request-headers.ts';
import type { AnswerLanguage, PublicAnswer } from './resolve-public-request.ts';
import { PRIVATE_VARY } from './private/private-headers.ts';

const NOSNIFF = 'x-content-type-options';

/** Header lists ([name, value, …], without nosniff) for HTML pages and for the embeddable widget frame. */
export interface HtmlSecurityHeaders {
  page: string[];
  widget: string[];
}

export function htmlSecurityHeaders(make: (kind: 'public' | 'widget') => Record<string, string>): HtmlSecurityHeaders {
  const flat = (h: Record<string, string>) =>
    Object.entries(h)
      .filter(([k]) => k !== NOSNIFF)
      .flat();
  return { page: flat(make('public')), widget: flat(make('widget')) };
}

/** What servePublicRaw writes: anything but a live stream, which is opened by the routes (it needs the client's address). */
export type RawAnswer = Exclude<PublicAnswer, { kind: 'stream' }>;

/**
 * Write a public answer straight to Node's response: the hot path of a status page under load skips the framework
 * (routing, hooks, serialisation) and copies bytes from memory, with header lists built once per asset.
 * 304 on a matching ETag; brotli or gzip by Accept-Encoding.
 */
export function servePublicRaw(
  req: IncomingMessage,
  res: ServerResponse,
  answer: RawAnswer,
  headers: PublicRequestHeaders,
  security: HtmlSecurityHeaders,
): void {
  switch (answer.kind) {
    case 'starting':
      return json(res, 503, { error: 'starting', message: 'status not loaded yet' }, { 'retry-after': '1' });
    case 'error':
      return json(res, answer.status, {
        error: answer.error,
        message: answer.message,
        ...(answer.field ? { field: answer.field } : {}),
      });
    case 'asset': {
      const { asset } = answer;
      const inm = headers.ifNoneMatch;
      if (inm && (inm === asset.etag || inm.split(/\s*,\s*/).includes(asset.etag))) {
        res.writeHead(304, headersFor(asset, answer, security, 'not-modified')).end();
        return;
      }
      const accept = headers.acceptEncoding;
      const encoding =
        asset.body.length <= 512 || !accept
          ? 'identity'
          : accept.includes('br')
            ? 'br'
            : accept.includes('gzip')
              ? 'gzip'
              : 'identity';
      const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.body;
      res.writeHead(200, headersFor(asset, answer, security, encoding));
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  }
}

type Variant = 'identity' | 'br' | 'gzip' | 'not-modified';
const headerCache = new WeakMap<RenderedAsset, Map<Variant, string[]>>();

/**
 * The response headers of one asset variant as a flat [name, value, …] list, built on first use. An asset is always
 * served with the same cache policy and CORS setting (they depend on its path), so the variant is the only key.
 */
function headersFor(
  asset: RenderedAsset,
  answer: { cacheControl: string; cors: boolean; embeddable?: boolean; private?: boolean; language?: AnswerLanguage },
  security: HtmlSecurityHeaders,
  variant: Variant,
): string[] {
  const { cacheControl, cors, language } = answer;
  // a choice made with ?lang= sets a cookie and is never kept by shared caches: its headers are not kept either
  if (language?.setCookie) return [...buildHeaders(), 'set-cookie', language.setCookie];
  let byVariant = headerCache.get(asset);
  if (!byVariant) headerCache.set(asset, (byVariant = new Map()));
  const key = variant;
  let headers = byVariant.get(key);
  if (!headers) {
    headers = buildHeaders();
    byVariant.set(key, headers);
  }
  return headers;

  function buildHeaders(): string[] {
    const base = answer.private ? PRIVATE_VARY : 'accept-encoding';
    const vary = language?.vary ? `${base}, ${language.vary}`.replace('cookie, cookie', 'cookie') : base;
    const headers = ['etag', asset.etag, 'cache-control', cacheControl, 'vary', vary, NOSNIFF, 'nosniff'];
    if (language) headers.push('content-language', language.contentLanguage);
    if (cors) headers.push('access-control-allow-origin', '*');
    if (asset.staleSince) headers.push('x-pharos-stale', asset.staleSince);
    if (asset.contentType.startsWith('text/html'))
      headers.push(...(answer.embeddable ? security.widget : security.page));
    if (variant !== 'not-modified') {
      headers.push('content-type', asset.contentType);
      if (variant !== 'identity') headers.push('content-encoding', variant);
      const length = variant === 'br' ? asset.br.length : variant === 'gzip' ? asset.gzip.length : asset.body.length;
      headers.push('content-length', String(length));
    }
    return headers;
  }
}

function json(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      [NOSNIFF]: 'nosniff',
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
      ...extra,
    })
    .end(text);
}
