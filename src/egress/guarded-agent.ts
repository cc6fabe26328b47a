import { Agent, buildConnector, type Dispatcher } from 'undici';
import { EgressDeniedError } from './egress-denied-error.ts';
import type { EgressGuard } from './egress-policy.ts';
import { deniedLiteralHost, guardedLookup } from './guarded-lookup.ts';

/**
 * An undici dispatcher for outgoing webhooks whose every connection (redirects included) passes the
 * guard: literal IPs before connecting, names through the guarded lookup. Pass it as `dispatcher`.
 */
export function guardedDispatcher(guard: EgressGuard, options: Omit<Agent.Options, 'connect'> = {}): Dispatcher {
  const connect = buildConnector({ lookup: guardedLookup(guard) });
  return new Agent({
    ...options,
    connect: (target, callback) => {
      const denial = deniedLiteralHost(guard, target.hostname);
      if (denial) {
        queueMicrotask(() => callback(new EgressDeniedError(denial), null));
        return;
      }
      connect(target, callback);
    },
  });
}
