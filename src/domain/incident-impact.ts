import { INCIDENT_IMPACTS, type IncidentImpact } from './statuses.ts';

/** The more severe of impacts ('none' for none at all). */
export function worstImpact(impacts: Iterable<IncidentImpact>): IncidentImpact {
  let worst: IncidentImpact = 'none';
  for (const impact of impacts) if (INCIDENT_IMPACTS.indexOf(impact) > INCIDENT_IMPACTS.indexOf(worst)) worst = impact;
  return worst;
}
