import type { LatencyPeriod, StatusModel, UptimePeriod } from './status-model.ts';

/** Every public rendering, as pure functions of a page's model. The snapshot calls them; the routes serve the bytes. */
export interface PublicRenderers {
  /** Statuspage v2 endpoints by path after /api/v2/ ('summary.json', 'incidents/unresolved.json', …) */
  statuspage: Readonly<Record<string, (model: StatusModel) => unknown>>;
  statusPage(model: StatusModel): string;
  /**
   * Render ahead, and keep for `statusPage`, what it shows of these components that changes seldom (their 90-day
   * history): the snapshot calls it a few components per event-loop turn before the page itself.
   */
  prepareStatusPage(model: StatusModel, componentIds: readonly string[]): void;
  historyPage(model: StatusModel, month: string): string;
  incidentPage(model: StatusModel, id: string): string | undefined;
  maintenancePage(model: StatusModel, id: string): string | undefined;
  rss(model: StatusModel): string;
  atom(model: StatusModel): string;
  statusBadge(model: StatusModel, componentId: string): string | undefined;
  uptimeBadge(model: StatusModel, componentId: string, period: UptimePeriod): string | undefined;
  responseTimeBadge(model: StatusModel, componentId: string, period: LatencyPeriod | UptimePeriod): string | undefined;
  widgetScript(model: StatusModel): string;
  widgetFrame(model: StatusModel): string;
  /** static files under /assets/, by file name (hash-named) */
  assets: ReadonlyMap<string, { body: string; contentType: string }>;
}
