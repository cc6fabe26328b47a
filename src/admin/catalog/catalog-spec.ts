import type { z } from 'zod';
import type { AdminStore, CatalogKind } from '../../store/admin-store.ts';
import type { ServiceContext } from '../service-context.ts';

/** Everything a catalog kind's rules may look at while a change is checked (inside its transaction). */
export interface CatalogView {
  tx: AdminStore;
  /** active objects of a kind, config's and the API's */
  list(kind: CatalogKind): Promise<{ id: string; config: unknown; managedBy: 'config' | 'api' }[]>;
}

/**
 * One kind of object the admin API can create, change and delete (monitors, components, groups, pages,
 * maintenances): its schema, its id field and the rules that involve other objects.
 */
export interface CatalogSpec<C extends object = object> {
  kind: CatalogKind;
  /** for messages: "monitor", "component group" … */
  noun: string;
  schema: z.ZodType<C>;
  idOf(config: C): string;
  /** references to other objects, uniqueness across objects …: issues as [path under body, message] */
  checkReferences(config: C, view: CatalogView): Promise<[string, string][]>;
  /** checks that do IO (DNS) and so run before the transaction opens; throw an AdminError */
  precheck?(config: C, ctx: ServiceContext): Promise<void>;
  /** after a create through the API, in its transaction (e.g. tell subscribers a maintenance was scheduled) */
  onCreate?(config: C, tx: AdminStore, ctx: ServiceContext, now: number): Promise<void>;
  /** hide secrets before the config is shown or audited (default: secret-looking field names) */
  redact?(config: unknown): unknown;
  /** where the secret at `path` goes (see SecretTarget in kept-secrets.ts); default: nowhere, kept on any edit */
  secretTarget?(config: C, path: readonly string[]): string;
  /** why this object may not be deleted (something still uses it), or null */
  blockDelete(id: string, view: CatalogView): Promise<string | null>;
}
