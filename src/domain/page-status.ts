import { worstImpact } from './incident-impact.ts';
import { DEFAULT_SEVERITY_RULE, outageSeverity, SEVERITY_DESCRIPTIONS, type SeverityRule } from './outage-severity.ts';
import type { ShownComponentStatus } from './shown-component-status.ts';
import type { ComponentStatus, IncidentImpact, PageIndicator } from './statuses.ts';

/** Statuspage's `status` object: the indicator also takes 'maintenance' when only maintenance is going on. */
export interface PageStatus {
  indicator: PageIndicator | 'maintenance';
  description: string;
}

const MAINTENANCE = 'Service Under Maintenance';
/** Statuspage has no such state; the indicator stays 'none' (nothing is known to be wrong) */
export const NO_DATA_DESCRIPTION = 'No data yet';

/**
 * The page's overall status, as Statuspage's /api/v2/status.json reports it: the scope and severity of its
 * components' outages (outageSeverity, with the page's rule), raised by each unresolved incident's impact.
 * Components without data yet ('unknown') count in the page's size but are not known to be out; when no component
 * has data, the page has no data yet.
 * 'maintenance' only when no incident is open and every known component that is not operational is under
 * maintenance.
 */
export function pageStatus(
  componentStatuses: readonly ShownComponentStatus[],
  openIncidentImpacts: readonly IncidentImpact[],
  rule: SeverityRule = DEFAULT_SEVERITY_RULE,
): PageStatus {
  const known = componentStatuses.filter((s): s is ComponentStatus => s !== 'unknown');
  const notOperational = known.filter((s) => s !== 'operational');
  if (
    openIncidentImpacts.length === 0 &&
    notOperational.length > 0 &&
    notOperational.every((s) => s === 'under_maintenance')
  ) {
    return { indicator: 'maintenance', description: MAINTENANCE };
  }
  const fromComponents = outageSeverity(known, componentStatuses.length, rule);
  const indicator = worstImpact([fromComponents.impact, ...openIncidentImpacts]);
  if (indicator !== fromComponents.impact) return { indicator, description: SEVERITY_DESCRIPTIONS[indicator] };
  if (indicator === 'none' && known.length === 0 && componentStatuses.length > 0)
    return { indicator, description: NO_DATA_DESCRIPTION };
  return { indicator, description: fromComponents.description };
}

/** Whether the page has components and none of them has reported yet (the banner is grey, "No data yet"). */
export function pageHasNoData(componentStatuses: readonly ShownComponentStatus[]): boolean {
  return componentStatuses.length > 0 && componentStatuses.every((s) => s === 'unknown');
}
