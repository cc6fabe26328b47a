import type { FastifyInstance, FastifyReply } from 'fastify';

export interface ReadinessCheck {
  name: string;
  /** also decides /readyz/serving (may this replica take traffic?); the others only /readyz */
  serving?: boolean;
  /** resolves to null when fine, or a reason when not ready */
  check(): Promise<string | null>;
}

/**
 * /healthz: the process answers. /readyz: every readiness check passes (store, migrations, connectivity…).
 * /readyz/serving: the checks that decide whether a web replica should get traffic — not while draining, but still
 * while the database is down, since it then serves the last pages it built (stale-marked): a load balancer routing on
 * /readyz would take every replica out at once and turn a database outage into a status page outage.
 */
export function registerHealthRoutes(app: FastifyInstance, checks: ReadinessCheck[]): void {
  app.get('/healthz', (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => answerReadiness(reply, checks));
  app.get('/readyz/serving', async (_request, reply) =>
    answerReadiness(
      reply,
      checks.filter((c) => c.serving),
    ),
  );
}

async function answerReadiness(reply: FastifyReply, checks: ReadinessCheck[]): Promise<FastifyReply> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        return { name: c.name, problem: await withTimeout(c.check(), 2000) };
      } catch (err) {
        return { name: c.name, problem: (err as Error).message };
      }
    }),
  );
  const problems = Object.fromEntries(results.filter((r) => r.problem).map((r) => [r.name, r.problem]));
  const ready = Object.keys(problems).length === 0;
  return reply
    .code(ready ? 200 : 503)
    .header('cache-control', 'no-store')
    .send({
      status: ready ? 'ready' : 'not_ready',
      checks: Object.fromEntries(results.map((r) => [r.name, r.problem ?? 'ok'])),
    });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}
