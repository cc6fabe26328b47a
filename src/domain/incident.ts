import type { ComponentStatus, IncidentImpact, IncidentStatus } from './statuses.ts';

export interface IncidentUpdate {
  id: string;
  incidentId: string;
  status: IncidentStatus;
  body: string;
  /** ms since epoch */
  createdAt: number;
  /** the status each affected component showed with this update */
  affectedComponents: { componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[];
}

export interface Incident {
  /** 12 lower-case alphanumerics, like Statuspage's ids */
  id: string;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  /** 'auto' when opened by the engine from monitors; 'manual' when written by a person */
  source: 'auto' | 'manual';
  componentIds: string[];
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  updates: IncidentUpdate[];
  /** written after the incident, shown under it; the Statuspage 'postmortem' status is not used for it */
  postmortem?: { body: string; publishedAt: number } | null;
  /** set when a person took an automatic incident over: the engine no longer updates or resolves it */
  takenOverBy?: string | null;
}
