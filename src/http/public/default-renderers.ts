import { faviconSvg, pharosCss, pharosJs } from '../../web/assets/index.ts';
import { prepareComponentHistories } from '../../web/pages/component-list.ts';
import { renderHistoryPage } from '../../web/pages/history-page.ts';
import { renderIncidentPage } from '../../web/pages/incident-page.ts';
import { renderMaintenancePage } from '../../web/pages/maintenance-page.ts';
import { renderStatusPage } from '../../web/pages/status-page.ts';
import { renderWidgetFrame } from '../../web/widget/render-widget-frame.ts';
import { renderWidgetScript } from '../../web/widget/render-widget-script.ts';
import { renderResponseTimeBadge, renderStatusBadge, renderUptimeBadge } from './badges/render-component-badges.ts';
import { renderAtom } from './feeds/render-atom.ts';
import { renderRss } from './feeds/render-rss.ts';
import type { PublicRenderers } from './public-renderers.ts';
import { STATUSPAGE_ENDPOINTS } from './statuspage/statuspage-endpoints.ts';

/** The renderers Pharos serves with; one line each, so that a missing one is a compile error. */
export const defaultRenderers: PublicRenderers = {
  statuspage: STATUSPAGE_ENDPOINTS,
  statusPage: renderStatusPage,
  prepareStatusPage: prepareComponentHistories,
  historyPage: renderHistoryPage,
  incidentPage: renderIncidentPage,
  maintenancePage: renderMaintenancePage,
  rss: renderRss,
  atom: renderAtom,
  statusBadge: (model, id) => renderStatusBadge(model, id),
  uptimeBadge: (model, id, period) => renderUptimeBadge(model, id, period),
  responseTimeBadge: (model, id, period) => renderResponseTimeBadge(model, id, period),
  widgetScript: renderWidgetScript,
  widgetFrame: renderWidgetFrame,
  assets: new Map(
    [pharosCss, pharosJs, faviconSvg].map((a) => [
      a.path.slice('/assets/'.length),
      { body: a.body, contentType: a.contentType },
    ]),
  ),
};
