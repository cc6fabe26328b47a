import type { Incident } from '../../domain/incident.ts';
import type { MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { SeverityRule } from '../../domain/outage-severity.ts';
import type { ShownComponentStatus } from '../../domain/shown-component-status.ts';
import type { ComponentStatus, MonitorStatus } from '../../domain/statuses.ts';
import type { PageLanguages } from '../../i18n/page-languages.ts';

/**
 * Everything one public page shows, read from the store (never per request) and scoped to the page's components.
 * Every public renderer (Statuspage JSON, HTML, feeds, badges) is a pure function of this.
 */
export interface StatusModel {
  page: ModelPage;
  /** ms since epoch of the newest change shown */
  updatedAt: number;
  /** the page's components, in display order */
  components: ModelComponent[];
  /** recent incidents touching the page's components (unresolved and resolved), newest first; bounded; cut down to the page's components (incidentSeenBy) */
  incidents: Incident[];
  /** maintenance windows touching the page's components, by start time, cut down to them (maintenanceSeenBy) */
  maintenances: MaintenanceWindow[];
  monitors: ModelMonitor[];
  /** per component id */
  history: Map<string, ComponentHistory>;
  /** ms since epoch when this model was read */
  builtAt: number;
  /** set while the store does not answer: the model is the last good one, re-rendered with a note */
  stale?: { since: number };
}

export interface ModelPage {
  /** 12-character Statuspage-style id, stable */
  id: string;
  /** '' for the default page */
  slug: string;
  name: string;
  /** absolute URL of the page, no trailing slash */
  url: string;
  /** path prefix of the page's routes: '' for the default page, '/<slug>' for the others */
  basePath: string;
  description: string | null;
  logo: string | null;
  favicon: string | null;
  colors: PageColors;
  customCss: string | null;
  footer: { label: string; url: string }[];
  /** the page shows the "Subscribe to updates" form (subscribers with email enabled, public page) */
  subscribe?: boolean;
  /** the page opted in to checks' raw errors (`public.hide_errors: false`); absent: hidden */
  showErrors?: boolean;
  /** how much of the page must be out for a major outage (`public.severity`); absent: DEFAULT_SEVERITY_RULE */
  severity?: SeverityRule;
  /** the language this model is rendered in (absent: en) */
  locale?: string;
  /** the languages the page may be shown in and its overrides (absent: English only) */
  languages?: PageLanguages;
}

export interface PageColors {
  brand: string;
  operational: string;
  degraded: string;
  partial: string;
  major: string;
  maintenance: string;
}

export interface ModelComponent {
  id: string;
  name: string;
  description: string | null;
  group: string | null;
  /** its group is shown folded until a visitor opens it (the group's `collapsed`) */
  groupCollapsed?: boolean;
  status: ComponentStatus;
  position: number;
  createdAt: number;
  updatedAt: number;
  monitorIds: string[];
  /** it has monitors and none has reported yet: shown as "No data yet" (grey), not as its status */
  noData?: boolean;
}

/** What visitors are shown of a component: its status, or 'unknown' while it has no data. */
export function shownStatus(component: ModelComponent): ShownComponentStatus {
  return component.noData ? 'unknown' : component.status;
}

export interface ModelMonitor {
  id: string;
  name: string;
  type: string;
  status: MonitorStatus;
  statusSince: number | null;
  lastCheckAt: number | null;
  lastLatencyMs: number | null;
  /** null unless the page shows errors (`public.hide_errors: false`) and the monitor does not hide its own */
  lastError: string | null;
  /** the URL / host:port it checks; null when `public.hide_url` is set */
  target: string | null;
}

export const UPTIME_PERIODS = ['24h', '7d', '30d', '90d'] as const;
export type UptimePeriod = (typeof UPTIME_PERIODS)[number];

export const LATENCY_PERIODS = ['24h', '7d', '30d'] as const;
export type LatencyPeriod = (typeof LATENCY_PERIODS)[number];

export interface ComponentHistory {
  /** 90 UTC days, oldest first; the last one is today (partial) */
  days: DayCell[];
  /** fraction 0..1 over each period, null when nothing was measured */
  uptime: Record<UptimePeriod, number | null>;
  /** null when none of the component's monitors measures latency (push-only components) */
  latency: Record<LatencyPeriod, LatencyPoint[]> | null;
}

export type DayState =
  'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance' | 'no_data';

export interface DayCell {
  /** YYYY-MM-DD (UTC) */
  day: string;
  /** ms since epoch of 00:00 UTC */
  start: number;
  /** fraction 0..1, null when nothing was measured that day */
  uptime: number | null;
  /** the day's worst state, from its failures and the incidents that touched it */
  worst: DayState;
  /** incidents that were open during the day */
  incidentIds: string[];
  checks: number;
  failures: number;
}

export interface LatencyPoint {
  /** bucket start, ms since epoch */
  t: number;
  avgMs: number | null;
  p95Ms: number | null;
}

export function unresolvedIncidents(model: StatusModel): Incident[] {
  return model.incidents.filter((i) => i.resolvedAt === null);
}
