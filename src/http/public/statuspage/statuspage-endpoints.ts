import type { StatusModel } from '../status-model.ts';
import { renderComponents } from './render-components.ts';
import {
  ACTIVE,
  renderMaintenancesIn,
  renderRecentIncidents,
  renderRecentMaintenances,
  renderUnresolvedIncidents,
  UPCOMING,
} from './render-lists.ts';
import { renderPage, renderStatus } from './render-page.ts';
import { renderSummary } from './render-summary.ts';
import type { StatuspagePath } from './statuspage-paths.ts';
import type { StatuspagePayloads } from './statuspage-schema.ts';

export type StatuspageEndpoint<P extends StatuspagePath> = (model: StatusModel) => StatuspagePayloads[P];

/**
 * Every Statuspage v2 endpoint, by its path after `/api/v2/`. The routes iterate this map; the compiler
 * checks that each path has a renderer and that each renderer returns that endpoint's documented shape.
 */
export const STATUSPAGE_ENDPOINTS: { readonly [P in StatuspagePath]: StatuspageEndpoint<P> } = {
  'summary.json': renderSummary,
  'status.json': (model) => ({ page: renderPage(model), status: renderStatus(model) }),
  'components.json': (model) => ({ page: renderPage(model), components: renderComponents(model) }),
  'incidents.json': (model) => ({ page: renderPage(model), incidents: renderRecentIncidents(model) }),
  'incidents/unresolved.json': (model) => ({ page: renderPage(model), incidents: renderUnresolvedIncidents(model) }),
  'scheduled-maintenances.json': (model) => ({
    page: renderPage(model),
    scheduled_maintenances: renderRecentMaintenances(model),
  }),
  'scheduled-maintenances/upcoming.json': (model) => ({
    page: renderPage(model),
    scheduled_maintenances: renderMaintenancesIn(model, UPCOMING),
  }),
  'scheduled-maintenances/active.json': (model) => ({
    page: renderPage(model),
    scheduled_maintenances: renderMaintenancesIn(model, ACTIVE),
  }),
};
