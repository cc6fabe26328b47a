import type { StatusModel } from '../status-model.ts';
import { renderComponents } from './render-components.ts';
import { ACTIVE, renderMaintenancesIn, renderUnresolvedIncidents, UPCOMING } from './render-lists.ts';
import { renderPage, renderStatus } from './render-page.ts';
import type { StatuspagePayloads } from './statuspage-schema.ts';

export { renderComponents } from './render-components.ts';
export { renderIncident } from './render-incident.ts';
export { renderMaintenance } from './render-maintenance.ts';
export { renderPage, renderStatus } from './render-page.ts';

/** /api/v2/summary.json: the page, its components, unresolved incidents, upcoming and active maintenance, the status. */
export function renderSummary(model: StatusModel): StatuspagePayloads['summary.json'] {
  return {
    page: renderPage(model),
    components: renderComponents(model),
    incidents: renderUnresolvedIncidents(model),
    scheduled_maintenances: renderMaintenancesIn(model, [...UPCOMING, ...ACTIVE]),
    status: renderStatus(model),
  };
}
