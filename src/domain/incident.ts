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
}
