import type { Bus } from '../bus/bus.ts';
import type { EgressPolicy } from '../egress/egress-policy.ts';
import type { AdminStore } from '../store/admin-store.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import type { AdminRuntime } from './admin-runtime.ts';

/** What every admin service function gets besides its input: `fn({ ctx, input })`. */
export interface ServiceContext {
  actor: Actor;
  store: Store;
  bus: Bus;
  runtime: AdminRuntime;
  /** what monitor targets created through the API may reach */
  egress: EgressPolicy;
  /** the public base URL (server.base_url), for links in notifications */
  publicUrl?: string;
  now(): number;
}

/** The store's admin side inside one transaction, with the audit entry written by the same transaction. */
export async function inTransaction<T>(ctx: ServiceContext, fn: (tx: AdminStore) => Promise<T>): Promise<T> {
  return ctx.store.admin.transaction(fn);
}
