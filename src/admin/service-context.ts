import type { Bus } from '../bus/bus.ts';
import type { EgressPolicy } from '../egress/egress-policy.ts';
import type { EventLinks } from '../notify/events/monitor-events.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import type { AdminRuntime } from './admin-runtime.ts';

/**
 * What every admin service function gets first, before its input: `fn(ctx, input)` (or `fn(ctx, id, input)`). The
 * function checks the actor's permission, and runs its writes with their audit entry in one store transaction.
 */
export interface ServiceContext {
  actor: Actor;
  store: Store;
  bus: Bus;
  runtime: AdminRuntime;
  /** what monitor targets created through the API may reach */
  egress: EgressPolicy;
  /** links in notifications (src/runtime/public-base-url.ts); absent (the CLI): http://localhost:3000 */
  links?: EventLinks;
  now(): number;
}
