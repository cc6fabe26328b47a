import { INCIDENT_IMPACTS, type ComponentStatus, type IncidentImpact } from './statuses.ts';

/** The impact a component status stands for: degraded is minor, partial outage major, major outage critical. */
export function incidentImpactFor(status: ComponentStatus): IncidentImpact {
  switch (status) {
    case 'degraded_performance':
      return 'minor';
    case 'partial_outage':
      return 'major';
    case 'major_outage':
      return 'critical';
    case 'operational':
    case 'under_maintenance':
      return 'none';
  }
}

/** The more severe of impacts ('none' for none at all). */
export function worstImpact(impacts: Iterable<IncidentImpact>): IncidentImpact {
  let worst: IncidentImpact = 'none';
  for (const impact of impacts) if (INCIDENT_IMPACTS.indexOf(impact) > INCIDENT_IMPACTS.indexOf(worst)) worst = impact;
  return worst;
}
