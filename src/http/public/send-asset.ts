import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RenderedAsset } from './rendered-asset.ts';

/** Fresh for a short while, then a CDN may serve it stale while it revalidates. */
export const PAGE_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Serve precomputed bytes: 304 on a matching ETag, brotli or gzip when the client accepts it. */
export function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: RenderedAsset | undefined, cacheControl = PAGE_CACHE_CONTROL): FastifyReply {
  if (!asset) return reply.code(503).header('retry-after', '1').send({ error: 'starting', message: 'status not loaded yet' });
  reply.header('etag', asset.etag).header('cache-control', cacheControl).header('vary', 'accept-encoding');
  const inm = request.headers['if-none-match'];
  if (inm && (inm === asset.etag || inm.split(/\s*,\s*/).includes(asset.etag))) return reply.code(304).send();
  reply.type(asset.contentType);
  const accept = request.headers['accept-encoding'] ?? '';
  if (asset.body.length > 512 && /\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(asset.br);
  if (asset.body.length > 512 && /\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}
