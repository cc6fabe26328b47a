import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PushRecord } from '../../checks/check-type.ts';

const pushQuery = z
  .object({
    status: z.enum(['up', 'down']).default('up'),
    msg: z.string().max(1000).optional(),
    ping: z.coerce.number().min(0).max(86_400_000).optional(),
  })
  .loose();

export interface PushRouteDeps {
  monitorForToken(token: string): string | undefined;
  /** kept where every replica sees it, then recorded by the worker that checks the monitor */
  receive(monitorId: string, push: PushRecord): Promise<void>;
  now(): number;
}

/** /api/push/<token>?status=up|down&msg=…&ping=… — a service reporting that it is alive. */
export function registerPushRoutes(app: FastifyInstance, deps: PushRouteDeps): void {
  const handler = async (request: { params: unknown; query: unknown }, reply: import('fastify').FastifyReply) => {
    const { token } = request.params as { token: string };
    const monitorId = deps.monitorForToken(token);
    if (!monitorId) return reply.code(404).send({ error: 'not_found', message: 'no push monitor has this token' });
    const parsed = pushQuery.safeParse(request.query ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return reply.code(400).send({ error: 'invalid_query', field: issue.path.join('.'), message: issue.message });
    }
    const { status, msg, ping } = parsed.data;
    await deps.receive(monitorId, { receivedAt: deps.now(), status, msg, pingMs: ping });
    return reply.send({ ok: true, monitor: monitorId });
  };
  void app.register(async (scope) => {
    // a push says everything in its URL: whatever body a client sends along (curl -d, empty JSON, a form) is read
    // within the anonymous body limit and dropped, never refused for its type
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
    scope.get('/api/push/:token', handler);
    scope.post('/api/push/:token', handler);
  });
}
