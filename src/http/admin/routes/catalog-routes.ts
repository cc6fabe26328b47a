import { z } from 'zod';
import {
  catalogItemSchema,
  createCatalogItem,
  deleteCatalogItem,
  getCatalogItem,
  listCatalogItems,
  replaceCatalogItem,
} from '../../../admin/catalog/catalog-service.ts';
import type { CatalogSpec } from '../../../admin/catalog/catalog-spec.ts';
import { acceptDurationCompanions, durationPaths } from '../../../admin/catalog/duration-fields.ts';
import type { Permission } from '../../../domain/access.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { idParams } from './common-schemas.ts';
import { catalogConfigView } from '../views/catalog-config-view.ts';

/**
 * List, create, read, replace and delete for one catalog kind. Objects from the config file answer 409 to writes.
 * `plural` is the path segment: monitors, components, groups, pages, maintenances.
 */
export function catalogRoutes<C extends object>(
  spec: CatalogSpec<C>,
  opts: { plural: string; tag: string; write: Permission },
): AdminRoute[] {
  const base = `/api/v1/${opts.plural}`;
  const item = catalogItemSchema(catalogConfigView(spec.schema));
  const noun = spec.noun;
  // the same shape as answers: a duration's `_ms` companion is accepted beside it
  const prepareBody = (raw: unknown) => acceptDurationCompanions(raw, durationPaths(spec.schema));
  return [
    route({
      method: 'GET',
      path: base,
      access: 'read',
      tag: opts.tag,
      summary: `List ${opts.plural} (from the config file and the API)`,
      response: z.array(item),
      handle: (ctx) => listCatalogItems(ctx, spec),
    }),
    route({
      method: 'POST',
      path: base,
      access: opts.write,
      tag: opts.tag,
      summary: `Create a ${noun}`,
      body: spec.schema,
      prepareBody,
      response: item,
      successStatus: 201,
      handle: (ctx, { body }) => createCatalogItem(ctx, spec, body as C),
    }),
    route({
      method: 'GET',
      path: `${base}/:id`,
      access: 'read',
      tag: opts.tag,
      summary: `One ${noun}`,
      params: idParams,
      response: item,
      handle: (ctx, { params }) => getCatalogItem(ctx, spec, params.id),
    }),
    route({
      method: 'PUT',
      path: `${base}/:id`,
      access: opts.write,
      tag: opts.tag,
      summary: `Replace a ${noun} created through the API (409 for one from the config file)`,
      params: idParams,
      // the path names the object; the body may repeat the id or leave it out
      body: catalogConfigView(spec.schema, { optional: spec.kind === 'page' ? 'slug' : 'id' }),
      prepareBody,
      response: item,
      handle: (ctx, { params, body }) => replaceCatalogItem(ctx, spec, params.id, body),
    }),
    route({
      method: 'DELETE',
      path: `${base}/:id`,
      access: opts.write,
      tag: opts.tag,
      summary: `Delete a ${noun} created through the API (its history stays)`,
      params: idParams,
      successStatus: 204,
      handle: (ctx, { params }) => deleteCatalogItem(ctx, spec, params.id),
    }),
  ];
}
