import { setTimeout as sleep } from 'node:timers/promises';
import { isStoreUnreachable } from '../store/store-unreachable.ts';
import type { Logger } from './logger.ts';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15_000;

/**
 * Start, and while the database cannot be reached, wait and try again (1 s, 2 s, 4 s … at most 15 s apart) instead of
 * exiting: a replica started during a database outage or failover comes up when the database does, rather than
 * crash-looping. Any other error (bad credentials, a failed migration) is thrown at once. Resolves undefined when
 * `signal` aborts while waiting.
 */
export async function startWhenStoreAnswers<T>(
  start: () => Promise<T>,
  opts: { logger: Logger; signal?: AbortSignal; delays?: { firstMs: number; maxMs: number } },
): Promise<T | undefined> {
  let delay = opts.delays?.firstMs ?? FIRST_DELAY_MS;
  const max = opts.delays?.maxMs ?? MAX_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (!isStoreUnreachable(err)) throw err;
      opts.logger.warn(
        { component: 'pharos', attempt, retryInMs: delay, err: (err as Error).message },
        'the database is unreachable; waiting for it before starting',
      );
    }
    try {
      await sleep(delay, undefined, { signal: opts.signal });
    } catch {
      return undefined;
    }
    delay = Math.min(delay * 2, max);
  }
}
