import type { StatusModel } from '../../http/public/status-model.ts';
import { renderStatus } from '../../http/public/statuspage/render-summary.ts';
import type { StatuspageStatus } from '../../http/public/statuspage/statuspage-schema.ts';
import { safeCssColor } from '../html/safe-url.ts';

type Indicator = StatuspageStatus['indicator'];

/** What the widget shows and where it looks for fresher news. */
export interface WidgetState {
  name: string;
  /** the page the widget links to */
  url: string;
  /** the page's Statuspage status.json */
  statusUrl: string;
  indicator: Indicator;
  description: string;
  /** the dot's colour for each indicator, in the page's palette */
  colors: Record<Indicator, string>;
}

export function widgetState(model: StatusModel): WidgetState {
  const { page } = model;
  const status = renderStatus(model);
  const c = page.colors;
  return {
    name: page.name,
    url: page.url,
    // page.url already ends with the page's basePath
    statusUrl: `${page.url}/api/v2/status.json`,
    indicator: status.indicator,
    description: status.description,
    colors: {
      none: safeCssColor(c.operational, '#1a7f37'),
      minor: safeCssColor(c.degraded, '#9a6700'),
      major: safeCssColor(c.partial, '#bc4c00'),
      critical: safeCssColor(c.major, '#cf222e'),
      maintenance: safeCssColor(c.maintenance, '#0969da'),
    },
  };
}
