import { pageTranslator } from '../../../i18n/page-translator.ts';
import type { StatusModel } from '../status-model.ts';
import { incidentUrl, renderIncident } from '../statuspage/render-incident.ts';
import { maintenanceUrl, renderMaintenance } from '../statuspage/render-maintenance.ts';
import { timelineHtml } from './timeline-html.ts';

export const FEED_LIMIT = 50;

/** One incident or maintenance window, as both feeds show it. Times are ms since epoch. */
export interface FeedEntry {
  /** permanent, unique within the page: kind and id */
  key: string;
  title: string;
  link: string;
  published: number;
  updated: number;
  html: string;
}

/**
 * Incidents and maintenance windows, newest first (by when they began), bounded. The content is built from
 * the Statuspage rendering so that feeds and JSON tell the same story (including the synthesised
 * maintenance updates).
 */
export function feedEntries(model: StatusModel): FeedEntry[] {
  const t = pageTranslator(model.page);
  const incidents = model.incidents.map((incident): FeedEntry => {
    const rendered = renderIncident(model, incident);
    return {
      key: `Incident/${incident.id}`,
      title: incident.name,
      link: incidentUrl(model, incident.id),
      published: incident.createdAt,
      updated: Math.max(incident.updatedAt, ...incident.updates.map((u) => u.createdAt)),
      html: timelineHtml(rendered, t),
    };
  });
  const maintenances = model.maintenances.map((w): FeedEntry => {
    const rendered = renderMaintenance(model, w);
    return {
      key: `Maintenance/${w.id}`,
      title: w.title,
      link: maintenanceUrl(model, w),
      published: w.start,
      updated: Date.parse(rendered.updated_at),
      html: timelineHtml(rendered, t),
    };
  });
  return [...incidents, ...maintenances]
    .sort((a, b) => b.published - a.published || a.key.localeCompare(b.key))
    .slice(0, FEED_LIMIT);
}

/** The newest change shown: the feed's own updated time. Stable between rebuilds when nothing changed. */
export function feedUpdated(model: StatusModel, entries: readonly FeedEntry[]): number {
  return Math.max(model.updatedAt, ...entries.map((e) => e.updated));
}
