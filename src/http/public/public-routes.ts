import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { registerPageAccessRoutes } from './private/access-routes.ts';
import { denyPrivateRequest } from './private/deny-private-request.ts';
import type { PageAccessGate } from './private/page-access-gate.ts';
import type { PublicRenderers } from './public-renderers.ts';
import type { PublicSnapshot } from './public-snapshot.ts';
import { renderAsset, type RenderedAsset } from './rendered-asset.ts';
import { resolvePublicRequest, type PublicAnswer } from './resolve-public-request.ts';
import { readPublicHeaders } from './request-headers.ts';
import { servePublicRaw, type HtmlSecurityHeaders } from './serve-public-raw.ts';
import type { StreamHub } from './stream-hub.ts';

export interface PublicSide {
  snapshot: PublicSnapshot;
  streams: StreamHub;
  renderers: PublicRenderers;
  security: HtmlSecurityHeaders;
  /** lets visitors into private pages; absent, private pages let nobody in */
  access?: PageAccessGate;
  /** told of each answer the fast path gave (metrics): keep it cheap, it runs on the hot path */
  answered?: (answer: PublicAnswer, status: number) => void;
}

/** Hash-named static assets (CSS, browser script) as bytes. */
export function staticAssets(renderers: PublicRenderers): Map<string, RenderedAsset> {
  return new Map([...renderers.assets].map(([name, a]) => [name, renderAsset(a.body, a.contentType)]));
}

/**
 * An HTTP server whose public GETs are answered from the snapshot before the framework sees them; everything else
 * (ops, push, admin) goes to fastify. Used as fastify's serverFactory.
 */
export function publicFastPathServer(side: PublicSide, assets: ReadonlyMap<string, RenderedAsset>) {
  return (handler: (req: IncomingMessage, res: ServerResponse) => void): Server =>
    createServer((req, res) => {
      if (req.method === 'GET' || req.method === 'HEAD') {
        const headers = readPublicHeaders(req.rawHeaders);
        const answer = resolvePublicRequest(side.snapshot, assets, headers.host, req.url ?? '/');
        // a private page is left to fastify: its check reads cookies and the client address as fastify sees it
        if (answer && !answer.gated) {
          servePublicRaw(req, res, answer, side.streams, headers, side.security);
          side.answered?.(answer, res.statusCode);
          return;
        }
      }
      handler(req, res);
    });
}

/**
 * The same answers through fastify's router, for app.inject() and any request the fast path did not take
 * (private pages, after their access check).
 */
export function registerPublicRoutes(app: FastifyInstance, side: PublicSide, assets: ReadonlyMap<string, RenderedAsset>): void {
  if (side.access) registerPageAccessRoutes(app, side.access, side.snapshot, side.security);
  app.get('/*', async (request, reply) => {
    const answer = resolvePublicRequest(side.snapshot, assets, request.headers.host, request.url);
    if (!answer) return reply.code(404).send({ error: 'not_found', message: `no route for GET ${request.url.split('?')[0]}` });
    if (answer.gated) {
      const gate = side.access;
      if (!gate) return reply.code(401).header('cache-control', 'no-store').send({ error: 'private_page', message: 'this status page is private' });
      if (!(await gate.admits(answer.gated, request))) return denyPrivateRequest(request, reply, answer.gated, gate, side.security);
    }
    reply.hijack();
    servePublicRaw(request.raw, reply.raw, answer, side.streams, readPublicHeaders(request.raw.rawHeaders), side.security);
    return reply;
  });
}
