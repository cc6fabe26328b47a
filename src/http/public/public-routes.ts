import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageSnapshot } from './page-snapshot.ts';
import type { PublicRenderers } from './public-renderers.ts';
import type { PublicSnapshot } from './public-snapshot.ts';
import { renderAsset, type RenderedAsset } from './rendered-asset.ts';
import { IMMUTABLE_CACHE_CONTROL, sendAsset } from './send-asset.ts';
import type { StreamHub } from './stream-hub.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Every public path, for the root page, /<slug>/… pages and pages chosen by Host header. One catch-all route
 * resolves the page and serves bytes from its snapshot; the query string never reaches a cache key unchecked.
 */
export function registerPublicRoutes(app: FastifyInstance, snapshot: PublicSnapshot, hub: StreamHub, renderers: PublicRenderers): void {
  const assets = new Map<string, RenderedAsset>([...renderers.assets].map(([name, a]) => [name, renderAsset(a.body, a.contentType)]));
  app.get('/assets/:file', (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const asset = assets.get(request.params.file);
    return asset ? sendAsset(request, reply, asset, IMMUTABLE_CACHE_CONTROL) : notFound(reply);
  });
  app.get('/*', (request, reply) => {
    const path = request.url.split('?')[0]!;
    const { page, rest } = snapshot.resolve(request.headers.host, path);
    if (!page) return reply.code(503).header('retry-after', '1').send({ error: 'starting', message: 'status not loaded yet' });
    return servePage(request, reply, page, rest, hub);
  });
}

function servePage(request: FastifyRequest, reply: FastifyReply, page: PageSnapshot, rest: string, hub: StreamHub): FastifyReply {
  const query = request.query as Record<string, string | undefined>;
  if (rest === '/' || rest === '') return sendAsset(request, reply, page.html);
  if (rest.startsWith('/api/v2/')) {
    reply.header('access-control-allow-origin', '*');
    const endpoint = rest.slice('/api/v2/'.length);
    if (endpoint === 'stream') {
      reply.hijack();
      if (!hub.add(reply.raw, page.mountKey, page)) reply.raw.writeHead(503, { 'retry-after': '5' }).end();
      return reply;
    }
    return page.json.has(endpoint) ? sendAsset(request, reply, page.json.get(endpoint)) : notFound(reply);
  }
  if (rest === '/history') {
    const month = query.month ?? new Date(page.model.builtAt).toISOString().slice(0, 7);
    if (!MONTH.test(month)) return reply.code(400).send({ error: 'invalid_query', field: 'month', message: 'month must be YYYY-MM' });
    return sendAsset(request, reply, page.historyPage(month));
  }
  if (rest === '/history.rss') return sendAsset(request, reply, page.feed('rss'));
  if (rest === '/history.atom') return sendAsset(request, reply, page.feed('atom'));
  if (rest === '/widget.js') return sendAsset(request, reply.header('access-control-allow-origin', '*'), page.widget('script'));
  if (rest === '/widget') return sendAsset(request, reply, page.widget('frame'));
  const permalink = /^\/(incidents|maintenance)\/([^/]+)$/.exec(rest);
  if (permalink && ID.test(permalink[2]!)) {
    const asset = permalink[1] === 'incidents' ? page.incidentPage(permalink[2]!) : page.maintenancePage(permalink[2]!);
    return asset ? sendAsset(request, reply, asset) : notFound(reply);
  }
  const badge = /^\/badge\/([^/]+)\/(status|uptime|response-time)\.svg$/.exec(rest);
  if (badge && ID.test(badge[1]!)) {
    const asset = page.badge(badge[1]!, badge[2]!, query.period);
    return asset ? sendAsset(request, reply.header('access-control-allow-origin', '*'), asset) : notFound(reply);
  }
  return notFound(reply);
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ error: 'not_found', message: 'no such page' });
}
