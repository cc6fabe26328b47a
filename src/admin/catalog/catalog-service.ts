import { z } from 'zod';
import type { AdminStore, CatalogObject } from '../../store/admin-store.ts';
import { allows, requirePermission } from '../actor.ts';
import { AdminError, managedByConfig, notFound, type FieldIssue } from '../admin-error.ts';
import { audit } from '../audit.ts';
import { movedSecrets, restoreKeptSecrets } from '../kept-secrets.ts';
import { redactSecrets, redactUrlDetails } from '../redact.ts';
import type { ServiceContext } from '../service-context.ts';
import type { CatalogSpec, CatalogView } from './catalog-spec.ts';
import { durationPaths, showDurations } from './duration-fields.ts';
import { issueMessage } from '../issue-message.ts';

/** A catalog object as the API shows it. */
export interface CatalogItem<C> {
  id: string;
  managed_by: 'config' | 'api';
  created_at: string;
  updated_at: string;
  config: C;
}

export function catalogItem<C>(o: CatalogObject, redact: (config: unknown) => unknown = redactSecrets): CatalogItem<C> {
  return {
    id: o.id,
    managed_by: o.managedBy,
    created_at: new Date(o.createdAt).toISOString(),
    updated_at: new Date(o.updatedAt).toISOString(),
    config: redact(o.config) as C,
  };
}

const hiderOf = (spec: CatalogSpec<object>) => spec.redact ?? redactSecrets;

/** What this caller may see: secrets never; URLs' userinfo and query values only when it may change the config. */
function hiderFor(ctx: ServiceContext, spec: CatalogSpec<object>): (config: unknown) => unknown {
  const hide = hiderOf(spec);
  const durations = durationPaths(spec.schema);
  // durations as written, with their _ms companions (duration-fields.ts)
  return allows(ctx.actor, 'configure')
    ? (config) => showDurations(hide(config), durations)
    : (config) => showDurations(redactUrlDetails(hide(config)), durations);
}

function viewOf(tx: AdminStore): CatalogView {
  return {
    tx,
    list: async (kind) =>
      (await tx.listCatalog(kind)).map((o) => ({ id: o.id, config: o.config, managedBy: o.managedBy })),
  };
}

export async function listCatalogItems<C extends object>(
  ctx: ServiceContext,
  spec: CatalogSpec<C>,
): Promise<CatalogItem<C>[]> {
  requirePermission(ctx.actor, 'read');
  return (await ctx.store.admin.listCatalog(spec.kind)).map((o) => catalogItem<C>(o, hiderFor(ctx, spec)));
}

export async function getCatalogItem<C extends object>(
  ctx: ServiceContext,
  spec: CatalogSpec<C>,
  id: string,
): Promise<CatalogItem<C>> {
  requirePermission(ctx.actor, 'read');
  const found = await ctx.store.admin.getCatalog(spec.kind, id);
  if (!found) throw notFound(spec.noun, id);
  return catalogItem<C>(found, hiderFor(ctx, spec));
}

/** Parse with the kind's schema: a 400 naming every wrong field under `body.`. */
export function parseConfig<C extends object>(spec: CatalogSpec<C>, input: unknown): C {
  const parsed = spec.schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((i) => ({
    path: ['body', ...i.path].join('.'),
    message: issueMessage(i),
  }));
  throw new AdminError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

/**
 * Parse an edit of a stored config: "[redacted]" keeps the stored secret, but only while the secret's target is
 * unchanged (kept-secrets.ts); a 400 names each secret to type again otherwise.
 */
export function parseEdit<C extends object>(spec: CatalogSpec<C>, input: unknown, stored: C | undefined): C {
  const { value, kept } = restoreKeptSecrets(input, stored);
  const config = parseConfig(spec, value);
  const issues =
    stored === undefined || !spec.secretTarget
      ? []
      : movedSecrets(kept, stored, config, (c, path) => spec.secretTarget!(c, path));
  if (issues.length)
    throw new AdminError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  return config;
}

async function checkOrThrow<C extends object>(spec: CatalogSpec<C>, config: C, view: CatalogView): Promise<void> {
  const problems = await spec.checkReferences(config, view);
  if (problems.length === 0) return;
  const issues = problems.map(([path, message]) => ({ path: `body.${path}`, message }));
  throw new AdminError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

/** Create through the API (config parsed by the route with the kind's schema): 409 when the id is taken, 400 for a wrong reference. */
export async function createCatalogItem<C extends object>(
  ctx: ServiceContext,
  spec: CatalogSpec<C>,
  config: C,
): Promise<CatalogItem<C>> {
  requirePermission(ctx.actor, spec.kind === 'maintenance' ? 'operate' : 'configure');
  await spec.precheck?.(config, ctx);
  const id = spec.idOf(config);
  const now = ctx.now();
  const created = await ctx.store.admin.transaction(async (tx) => {
    const existing = await tx.getCatalog(spec.kind, id);
    if (existing?.managedBy === 'config') throw managedByConfig(spec.noun, id);
    if (existing) throw new AdminError('conflict', `a ${spec.noun} with id "${id}" already exists`);
    await checkOrThrow(spec, config, viewOf(tx));
    const position = (await tx.listCatalog(spec.kind)).length;
    await tx.putCatalog(spec.kind, { id, config, managedBy: 'api', position }, now);
    await spec.onCreate?.(config, tx, ctx, now);
    await audit(tx, ctx.actor, now, `${spec.kind}.create`, { type: spec.kind, id }, null, hiderOf(spec)(config));
    return (await tx.getCatalog(spec.kind, id))!;
  });
  await ctx.runtime.catalogChanged();
  return catalogItem<C>(created, hiderFor(ctx, spec));
}

/** Replace through the API: the id in the path wins; config-managed objects are read-only (409). */
export async function replaceCatalogItem<C extends object>(
  ctx: ServiceContext,
  spec: CatalogSpec<C>,
  id: string,
  input: unknown,
): Promise<CatalogItem<C>> {
  requirePermission(ctx.actor, spec.kind === 'maintenance' ? 'operate' : 'configure');
  const body = input && typeof input === 'object' && !Array.isArray(input) ? input : {};
  const idField = spec.kind === 'page' ? 'slug' : 'id';
  const given = (body as Record<string, unknown>)[idField];
  if (given !== undefined && given !== id)
    throw new AdminError('invalid_input', `body.${idField}: must match the id in the path ("${id}")`, {
      issues: [{ path: `body.${idField}`, message: `must match the path ("${id}")` }],
    });
  const edit = { ...body, [idField]: id };
  const stored = await ctx.store.admin.getCatalog(spec.kind, id);
  const config = parseEdit(spec, edit, stored?.config as C | undefined);
  await spec.precheck?.(config, ctx);
  // again against the config the transaction sees: the secrets kept are those stored when the change is written
  return writeExisting(ctx, spec, id, `${spec.kind}.update`, (current) => parseEdit(spec, edit, current));
}

/** Change an existing API-managed object by a function of its current config (pause/resume …). */
export async function writeExisting<C extends object>(
  ctx: ServiceContext,
  spec: CatalogSpec<C>,
  id: string,
  action: string,
  change: (current: C) => C,
): Promise<CatalogItem<C>> {
  const now = ctx.now();
  const updated = await ctx.store.admin.transaction(async (tx) => {
    const existing = await tx.getCatalog(spec.kind, id);
    if (!existing) throw notFound(spec.noun, id);
    if (existing.managedBy === 'config') throw managedByConfig(spec.noun, id);
    const config = change(existing.config as C);
    await checkOrThrow(spec, config, viewOf(tx));
    await tx.putCatalog(spec.kind, { id, config, managedBy: 'api', position: existing.position }, now);
    await audit(
      tx,
      ctx.actor,
      now,
      action,
      { type: spec.kind, id },
      hiderOf(spec)(existing.config),
      hiderOf(spec)(config),
    );
    return (await tx.getCatalog(spec.kind, id))!;
  });
  await ctx.runtime.catalogChanged();
  return catalogItem<C>(updated, hiderFor(ctx, spec));
}

/** Delete (archive: history stays) an API-managed object nothing else uses. */
export async function deleteCatalogItem<C extends object>(
  ctx: ServiceContext,
  spec: CatalogSpec<C>,
  id: string,
): Promise<void> {
  requirePermission(ctx.actor, spec.kind === 'maintenance' ? 'operate' : 'configure');
  const now = ctx.now();
  await ctx.store.admin.transaction(async (tx) => {
    const existing = await tx.getCatalog(spec.kind, id);
    if (!existing) throw notFound(spec.noun, id);
    if (existing.managedBy === 'config') throw managedByConfig(spec.noun, id);
    const blocked = await spec.blockDelete(id, viewOf(tx));
    if (blocked) throw new AdminError('conflict', blocked);
    await tx.archiveCatalog(spec.kind, id, now);
    await audit(
      tx,
      ctx.actor,
      now,
      `${spec.kind}.delete`,
      { type: spec.kind, id },
      hiderOf(spec)(existing.config),
      null,
    );
  });
  await ctx.runtime.catalogChanged();
}

/** The JSON shape of a list answer, for the OpenAPI document. */
export function catalogItemSchema<T extends z.ZodType>(config: T) {
  return z.object({
    id: z.string(),
    managed_by: z.enum(['config', 'api']),
    created_at: z.string(),
    updated_at: z.string(),
    config,
  });
}
