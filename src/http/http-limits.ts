import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { PharosConfig } from '../config/schema.ts';

/** How long a client may take over its request, and keep an idle connection (server.* in the config). */
export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export function httpLimitsOf(server: PharosConfig['server']): HttpLimits {
  return {
    headersTimeoutMs: server.headers_timeout,
    requestTimeoutMs: server.request_timeout,
    keepAliveTimeoutMs: server.keep_alive_timeout,
  };
}

/**
 * Node's server options for these limits. The request timeout covers receiving the request only: a live stream's
 * long answer is not cut. Node checks both timeouts on an interval (30 s by default, which would stretch a 10 s
 * headers timeout to 40 s): check often enough to keep them within a fifth.
 */
export function nodeServerOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(limits.headersTimeoutMs / 5))),
  };
}

/** A plain HTTP server with these limits, as fastify's serverFactory. */
export function limitedServer(
  limits: HttpLimits,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  return createServer(nodeServerOptions(limits), handler);
}
