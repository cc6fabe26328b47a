import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RenderedAsset } from './rendered-asset.ts';

/** Serve precomputed bytes: 304 on a matching ETag, gzip when the client accepts it. */
export function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: RenderedAsset | undefined, cacheSeconds = 10): FastifyReply {
  if (!asset) return reply.code(503).header('retry-after', '1').send({ error: 'starting', message: 'status not loaded yet' });
  reply.header('etag', asset.etag).header('cache-control', `public, max-age=${cacheSeconds}`).header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  reply.type(asset.contentType);
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}
