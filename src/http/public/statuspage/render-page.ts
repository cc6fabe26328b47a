import { pageStatus } from '../../../domain/page-status.ts';
import { shownStatus, unresolvedIncidents, type StatusModel } from '../status-model.ts';
import { isoTime } from './iso-time.ts';
import type { StatuspagePage, StatuspageStatus } from './statuspage-schema.ts';

export function renderPage(model: StatusModel): StatuspagePage {
  return {
    id: model.page.id,
    name: model.page.name,
    url: model.page.url,
    time_zone: 'Etc/UTC',
    updated_at: isoTime(model.updatedAt),
  };
}

/**
 * The page's indicator and description: the scope and severity of its components' outages under the page's rule,
 * raised by every unresolved incident's impact ("No data yet", indicator none, while no component has data).
 */
export function renderStatus(model: StatusModel): StatuspageStatus {
  return pageStatus(
    model.components.map(shownStatus),
    unresolvedIncidents(model).map((i) => i.impact),
    model.page.severity,
  );
}
