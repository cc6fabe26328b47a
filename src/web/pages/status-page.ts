import type { StatusModel } from '../../http/public/status-model.ts';
import { html } from '../html/html.ts';
import { activeIncidents } from './active-incidents.ts';
import { componentList } from './component-list.ts';
import { renderDocument } from './document-shell.ts';
import { incidentNamesScript } from './incident-names.ts';
import { maintenanceSection } from './maintenance-section.ts';
import { overallBanner } from './overall-banner.ts';
import { pageLinks } from './page-links.ts';
import { recentIncidents } from './recent-incidents.ts';
import { staleNote } from './stale-note.ts';
import { subscribeSection } from './subscribe-section.ts';

/** The public status page: overall banner, active incidents, maintenance, components with uptime and latency. */
export function renderStatusPage(model: StatusModel): string {
  const links = pageLinks(model.page);
  const main = html`${staleNote(model)}
${model.page.description && html`<p class="lead">${model.page.description}</p>`}
${overallBanner(model)}
${activeIncidents(model, links)}
${maintenanceSection(model, links)}
${componentList(model)}
${recentIncidents(model, links)}
${subscribeSection(model)}
${incidentNamesScript(model)}`;
  return renderDocument({ page: model.page, brandIsHeading: true, main });
}
