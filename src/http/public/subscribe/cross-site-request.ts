import type { FastifyRequest } from 'fastify';

/**
 * Whether a browser sent this from another site: its Origin (or, without one, its Referer) names another host, or
 * is "null". A request with neither is no browser's cross-site form (they send Origin with every cross-origin POST).
 * Private pages need it: a visitor let in by address would otherwise sign anyone up from any site it opens.
 */
export function crossSiteRequest(request: FastifyRequest): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (source === undefined) return false;
  if (typeof source !== 'string' || !URL.canParse(source)) return true;
  return new URL(source).host !== request.headers.host;
}
