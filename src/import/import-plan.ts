import type { ComponentStatus, IncidentImpact } from '../domain/statuses.ts';
import type { MANUAL_INCIDENT_STATUSES } from '../admin/incident-input.ts';
import type { SubscriberKind } from '../store/admin-store.ts';
import type { RecordedResult } from '../store/store.ts';
import { ImportReport, type ReportLine } from './import-report.ts';

/** A config-shaped object (monitor, component, group, page, maintenance, channel) with the report line it came from. */
export interface Planned<T = Record<string, unknown>> {
  value: T;
  line: ReportLine;
}

export interface ImportedIncidentUpdate {
  status: (typeof MANUAL_INCIDENT_STATUSES)[number];
  body: string;
  /** ms since epoch */
  at: number;
  components: { id: string; status: ComponentStatus }[];
}

/** An incident of the source with its updates, oldest first; it is matched on re-import by name and start time. */
export interface ImportedIncident {
  name: string;
  impact: IncidentImpact;
  updates: ImportedIncidentUpdate[];
  postmortem?: string;
}

export interface ImportedSubscriber {
  kind: SubscriberKind;
  /** email address or webhook URL */
  target: string;
  componentIds: string[];
  /** the consent the source recorded: confirmed ones receive mail, the others stay pending */
  confirmedAt: number | null;
  createdAt: number;
}

/** Past check results of one monitor (oldest first), written as results and rollups with --with-history. */
export interface ImportedHistory {
  monitorId: string;
  results: RecordedResult[];
}

/** Everything one source maps to, each object tied to its report line; what Pharos cannot hold is only in the report. */
export interface ImportPlan {
  title?: string;
  groups: Planned[];
  monitors: Planned[];
  components: Planned[];
  pages: Planned[];
  maintenances: Planned[];
  channels: Planned[];
  incidents: Planned<ImportedIncident>[];
  subscribers: Planned<ImportedSubscriber>[];
  history: Planned<ImportedHistory>[];
  report: ImportReport;
}

export function emptyPlan(): ImportPlan {
  return {
    groups: [],
    monitors: [],
    components: [],
    pages: [],
    maintenances: [],
    channels: [],
    incidents: [],
    subscribers: [],
    history: [],
    report: new ImportReport(),
  };
}

/** The catalog kinds of a plan, in the order they are written (each may refer only to those before it). */
export const CATALOG_PLAN_KINDS = ['groups', 'monitors', 'components', 'pages', 'maintenances', 'channels'] as const;
export type CatalogPlanKind = (typeof CATALOG_PLAN_KINDS)[number];
