import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { limitedServer, type HttpLimits } from '../http-limits.ts';
import { registerPageAccessRoutes } from './private/access-routes.ts';
import { denyPrivateRequest } from './private/deny-private-request.ts';
import type { PageAccessGate } from './private/page-access-gate.ts';
import type { PublicRenderers } from './public-renderers.ts';
import type { PublicSnapshot } from './public-snapshot.ts';
import { renderAsset, type RenderedAsset } from './rendered-asset.ts';
import { resolvePublicRequest, type PublicAnswer } from './resolve-public-request.ts';
import { readLanguageHeaders, readPublicHeaders } from './request-headers.ts';
import { servePublicRaw, type HtmlSecurityHeaders } from './serve-public-raw.ts';
import type { StreamHub, StreamOpening } from './stream-hub.ts';

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
export function publicFastPathServer(side: PublicSide, assets: ReadonlyMap<string, RenderedAsset>, limits: HttpLimits) {
  return (handler: (req: IncomingMessage, res: ServerResponse) => void): Server =>
    limitedServer(limits, (req, res) => {
      if (req.method === 'GET' || req.method === 'HEAD') {
        const headers = readPublicHeaders(req.rawHeaders);
        const answer = resolvePublicRequest(side.snapshot, assets, headers.host, req.url ?? '/', () =>
          readLanguageHeaders(req.rawHeaders),
        );
        // a private page is left to fastify: its check reads cookies and the client address as fastify sees it; so is a
        // live stream, capped per client address (request.ip: one rule for the address, src/http/trust-proxy.ts)
        if (answer && !answer.gated && answer.kind !== 'stream') {
          servePublicRaw(req, res, answer, headers, side.security);
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
export function registerPublicRoutes(
  app: FastifyInstance,
  side: PublicSide,
  assets: ReadonlyMap<string, RenderedAsset>,
): void {
  if (side.access) registerPageAccessRoutes(app, side.access, side.snapshot, side.security);
  let lastWarnedAt = 0;
  // a proxy in front without server.trust_proxy makes every viewer one address: say so, at most once a minute
  const warnRefused = (request: FastifyRequest) => {
    if (Date.now() - lastWarnedAt < 60_000) return;
    lastWarnedAt = Date.now();
    request.log.warn(
      { address: request.ip, perClient: side.streams.perClient },
      'live streams refused to a client address at server.streams_per_client; behind a proxy, is server.trust_proxy set?',
    );
  };
  app.get('/*', async (request, reply) => {
    const answer = resolvePublicRequest(side.snapshot, assets, request.headers.host, request.url, () =>
      readLanguageHeaders(request.raw.rawHeaders),
    );
    if (!answer)
      return reply.code(404).send({ error: 'not_found', message: `no route for GET ${request.url.split('?')[0]}` });
    if (answer.gated) {
      const gate = side.access;
      if (!gate)
        return reply
          .code(401)
          .header('cache-control', 'no-store')
          .send({ error: 'private_page', message: 'this status page is private' });
      if (!(await gate.admits(answer.gated, request)))
        return denyPrivateRequest(request, reply, answer.gated, gate, side.security);
    }
    if (answer.kind === 'stream') return openStream(request, reply, answer, side, warnRefused);
    reply.hijack();
    servePublicRaw(request.raw, reply.raw, answer, readPublicHeaders(request.raw.rawHeaders), side.security);
    return reply;
  });
}

/** A live stream: CORS only on a public page's, and at most `perClient` open per client address. */
function openStream(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: PublicAnswer & { kind: 'stream' },
  side: PublicSide,
  warnRefused: (request: FastifyRequest) => void,
): FastifyReply {
  const opening = side.streams.add(reply.raw, answer.page.mountKey, answer.page, {
    address: request.ip,
    cors: !answer.gated,
  });
  side.answered?.(answer, STREAM_STATUS[opening]);
  if (opening === 'open') return reply.hijack();
  reply.code(STREAM_STATUS[opening]).header('cache-control', 'no-store').header('retry-after', '5');
  if (opening === 'full') return reply.send({ error: 'busy', message: 'too many live viewers' });
  warnRefused(request);
  return reply.send({
    error: 'too_many_streams',
    message: `at most ${side.streams.perClient} live streams per client address`,
  });
}

const STREAM_STATUS: Record<StreamOpening, number> = { open: 200, full: 503, client_full: 429 };
