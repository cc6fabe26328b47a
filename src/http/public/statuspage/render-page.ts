import { pageStatus } from '../../../domain/page-status.ts';
import { unresolvedIncidents, type StatusModel } from '../status-model.ts';
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

/** The page's indicator and description: the worst component, raised by every unresolved incident's impact. */
export function renderStatus(model: StatusModel): StatuspageStatus {
  return pageStatus(
    model.components.map((c) => c.status),
    unresolvedIncidents(model).map((i) => i.impact),
  );
}
