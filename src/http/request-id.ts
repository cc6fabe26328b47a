import { randomUUID } from 'node:crypto';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
/** what a load balancer or client may pass on; anything else (too long, odd characters) is replaced */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify options for request ids: the id a proxy sent in X-Request-Id is kept (so one id follows a request through
 * the load balancer and Pharos's logs), else a new UUID; every log line of the request carries it as `requestId`.
 */
export function requestIdOptions(): Pick<FastifyServerOptions, 'genReqId' | 'logController' | 'requestIdHeader'> {
  return {
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: (req: IncomingMessage) => {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && ACCEPTED_ID.test(given) ? given : randomUUID();
    },
  };
}

/** Answers carry the request id, so a user's report ("request 3f2a… failed") can be found in the logs. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}
