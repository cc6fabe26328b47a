import { z } from 'zod';
import { durationMs } from './duration-schema.ts';

/**
 * What one client may hold of the HTTP server (keys of `server:`). Node's own defaults (60 s for the headers, 300 s for
 * the request) let a slow client keep a connection for minutes; these are sized for a status page.
 */
export const serverLimitsShape = {
  /** time a client has to send a request's headers */
  headers_timeout: durationMs({ min: 1_000 }).default(10_000),
  /** time a client has to send a whole request, body included (not the answer: live streams stay open) */
  request_timeout: durationMs({ min: 1_000 }).default(30_000),
  /** an idle keep-alive connection is closed after this; behind a load balancer make it longer than the balancer's idle timeout */
  keep_alive_timeout: durationMs({ min: 1_000 }).default(5_000),
  /** live-update streams (SSE) one client address may hold open at once; one more gets 429 */
  streams_per_client: z.number().int().min(1).max(10_000).default(20),
  /** anonymous POSTs (subscriber sign-up, private page password, unsubscribe) per client address per minute, checked before the body is read */
  public_posts_per_minute: z.number().int().min(1).max(100_000).default(30),
};

export function checkServerLimits(
  server: { headers_timeout: number; request_timeout: number },
  ctx: z.RefinementCtx,
): void {
  // Node refuses a headers timeout longer than the request's: the headers are part of the request
  if (server.headers_timeout > server.request_timeout) {
    ctx.addIssue({
      code: 'custom',
      path: ['headers_timeout'],
      message: `must not be longer than request_timeout (${server.request_timeout} ms)`,
    });
  }
}
