import { NO_DATA_DESCRIPTION, pageHasNoData } from '../../domain/page-status.ts';
import { shownStatus, type StatusModel } from '../../http/public/status-model.ts';
import { renderStatus } from '../../http/public/statuspage/render-summary.ts';
import type { StatuspageStatus } from '../../http/public/statuspage/statuspage-schema.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { safeCssColor } from '../html/safe-url.ts';
import { BANNER_DESCRIPTIONS, bannerKey } from '../pages/status-labels.ts';

type Indicator = StatuspageStatus['indicator'];

/** What the widget shows and where it looks for fresher news. */
export interface WidgetState {
  name: string;
  /** the page the widget links to */
  url: string;
  /** the page's Statuspage status.json */
  statusUrl: string;
  indicator: Indicator;
  /** in the page's language */
  description: string;
  /** status.json's own (English) description */
  apiDescription: string;
  /** the page's language, for lang= */
  locale: string;
  /** status.json's English descriptions in the page's language, so that refreshed statuses read the same */
  words: Record<string, string>;
  /** the dot's colour for each indicator, in the page's palette; `unknown` (grey) while no component has data */
  colors: Record<Indicator | 'unknown', string>;
  /** status.json's description while no component has data (its indicator stays Statuspage's 'none') */
  noDataDescription: string;
  /** the dot's key now: the indicator, or 'unknown' */
  dot: Indicator | 'unknown';
}

export function widgetState(model: StatusModel): WidgetState {
  const { page } = model;
  const status = renderStatus(model);
  const c = page.colors;
  const t = pageTranslator(page);
  const words: Record<string, string> = {};
  for (const [english, key] of Object.entries(BANNER_DESCRIPTIONS)) words[english] = t.t(key);
  return {
    name: page.name,
    url: page.url,
    // page.url already ends with the page's basePath
    statusUrl: `${page.url}/api/v2/status.json`,
    indicator: status.indicator,
    description: t.t(bannerKey(status.description)),
    apiDescription: status.description,
    locale: t.locale,
    words,
    noDataDescription: NO_DATA_DESCRIPTION,
    dot: status.indicator === 'none' && pageHasNoData(model.components.map(shownStatus)) ? 'unknown' : status.indicator,
    colors: {
      none: safeCssColor(c.operational, '#1a7f37'),
      minor: safeCssColor(c.degraded, '#9a6700'),
      major: safeCssColor(c.partial, '#bc4c00'),
      critical: safeCssColor(c.major, '#cf222e'),
      maintenance: safeCssColor(c.maintenance, '#0969da'),
      unknown: '#6e7781',
    },
  };
}
