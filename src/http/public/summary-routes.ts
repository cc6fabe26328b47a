import type { FastifyInstance } from 'fastify';
import { sendAsset } from './send-asset.ts';
import type { StatusSnapshot } from './snapshot.ts';

export function registerSummaryRoutes(app: FastifyInstance, snapshot: StatusSnapshot): void {
  app.get('/api/v2/summary.json', (request, reply) => {
    reply.header('access-control-allow-origin', '*');
    return sendAsset(request, reply, snapshot.assets?.summaryJson);
  });
  app.get('/', (request, reply) => sendAsset(request, reply, snapshot.assets?.pageHtml));
}
