import type { FastifyInstance } from 'fastify';

/**
 * `Content-Type: application/json` with no body means "no body": many HTTP clients send that header on every request,
 * DELETE included, and fastify's own parser answers 400 to it before the route can say 404 or 204. A body that is there
 * goes through fastify's parser unchanged (with its __proto__/constructor poisoning checks); the route's schema then
 * decides whether a missing body is wrong, naming the field.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) return done(null, undefined);
    parseJson(request, body as string, done);
  });
}
