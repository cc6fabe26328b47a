import { incidentImpactFor, worstImpact } from './incident-impact.ts';
import type { ComponentStatus, IncidentImpact, PageIndicator } from './statuses.ts';

/** Statuspage's `status` object: the indicator also takes 'maintenance' when only maintenance is going on. */
export interface PageStatus {
  indicator: PageIndicator | 'maintenance';
  description: string;
}

const DESCRIPTIONS = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
} as const satisfies Record<PageStatus['indicator'], string>;

/**
 * The page's overall status, as Statuspage's /api/v2/status.json reports it. The worst component wins
 * (major outage → critical, partial outage → major, degraded → minor), and each unresolved incident raises
 * the indicator to at least its impact. 'maintenance' only when no incident is open and every component
 * that is not operational is under maintenance.
 */
export function pageStatus(
  componentStatuses: readonly ComponentStatus[],
  openIncidentImpacts: readonly IncidentImpact[],
): PageStatus {
  const notOperational = componentStatuses.filter((s) => s !== 'operational');
  if (
    openIncidentImpacts.length === 0 &&
    notOperational.length > 0 &&
    notOperational.every((s) => s === 'under_maintenance')
  ) {
    return { indicator: 'maintenance', description: DESCRIPTIONS.maintenance };
  }
  const indicator = worstImpact([...componentStatuses.map(incidentImpactFor), ...openIncidentImpacts]);
  return { indicator, description: DESCRIPTIONS[indicator] };
}
