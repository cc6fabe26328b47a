import type { DayState } from '../../http/public/status-model.ts';
import type { MessageKey } from '../../i18n/catalogs.ts';
import type { PageStatus } from '../../domain/page-status.ts';
import type { ShownComponentStatus } from '../../domain/shown-component-status.ts';
import {
  COMPONENT_STATUSES,
  type ComponentStatus,
  type IncidentImpact,
  type IncidentStatus,
  type MaintenanceStatus,
} from '../../domain/statuses.ts';

export const COMPONENT_STATUS_LABEL = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  unknown: 'No data yet',
} as const satisfies Record<ShownComponentStatus, string>;

/** The grey of components (and a banner) without data yet. */
export const UNKNOWN_CLASS = 'n';

/** Short class names: the same letters colour components, day cells, incidents and the banner. */
export const STATUS_CLASS = {
  operational: 'o',
  under_maintenance: 'u',
  degraded_performance: 'd',
  partial_outage: 'p',
  major_outage: 'm',
  unknown: UNKNOWN_CLASS,
} as const satisfies Record<ShownComponentStatus, string>;

export const DAY_CLASS = {
  operational: 'o',
  under_maintenance: 'u',
  degraded_performance: 'd',
  partial_outage: 'p',
  major_outage: 'm',
  no_data: UNKNOWN_CLASS,
} as const satisfies Record<DayState, string>;

export const IMPACT_CLASS = { none: 'o', minor: 'd', major: 'p', critical: 'm' } as const satisfies Record<
  IncidentImpact,
  string
>;
export const INDICATOR_CLASS = { ...IMPACT_CLASS, maintenance: 'u' } as const satisfies Record<
  PageStatus['indicator'],
  string
>;

export const IMPACT_LABEL = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
} as const satisfies Record<IncidentImpact, string>;

export const INCIDENT_STATUS_LABEL = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
} as const satisfies Record<IncidentStatus, string>;

export const MAINTENANCE_STATUS_LABEL = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
} as const satisfies Record<MaintenanceStatus, string>;

/** status.json's English descriptions (API values) and the catalog's words for them. */
const BANNER_KEYS: Record<string, MessageKey> = {
  'All Systems Operational': 'banner.allOperational',
  'Minor Service Outage': 'banner.minorOutage',
  'Partial System Outage': 'banner.partialOutage',
  'Major System Outage': 'banner.majorOutage',
  'Degraded System Service': 'banner.degradedAll',
  'Partially Degraded Service': 'banner.degradedSome',
  'Service Under Maintenance': 'banner.maintenance',
  'No data yet': 'banner.noData',
};

/** The message key of a page status description (src/domain/page-status.ts); unknown ones read as "No data yet". */
export function bannerKey(description: string): MessageKey {
  return BANNER_KEYS[description] ?? 'banner.noData';
}

/** Every description status.json may carry, with its key: the widget maps them to the page's language. */
export const BANNER_DESCRIPTIONS: Readonly<Record<string, MessageKey>> = BANNER_KEYS;

/**
 * A group shows its worst child (COMPONENT_STATUSES is ordered by severity); children without data have no say,
 * and a group none of whose children has data has none either.
 */
export function worstComponentStatus(statuses: readonly ShownComponentStatus[]): ShownComponentStatus {
  const known = statuses.filter((s): s is ComponentStatus => s !== 'unknown');
  if (known.length === 0 && statuses.length > 0) return 'unknown';
  let worst = 0;
  for (const s of known) worst = Math.max(worst, COMPONENT_STATUSES.indexOf(s));
  return COMPONENT_STATUSES[worst]!;
}
