/** Statuspage's objects as its public API (v2) and its management API (v1) both give them (fields Pharos reads). */
export interface StatuspageComponent {
  id: string;
  name: string;
  description?: string | null;
  status?: string;
  position?: number;
  /** true for a group (public API); a group's members name it in group_id */
  group?: boolean;
  group_id?: string | null;
  only_show_if_degraded?: boolean;
  showcase?: boolean;
}

export interface StatuspageGroup {
  id: string;
  name: string;
  description?: string | null;
  components?: string[];
}

export interface StatuspageUpdate {
  status: string;
  body?: string | null;
  created_at: string;
  display_at?: string | null;
  affected_components?: { code: string; name?: string; old_status?: string; new_status?: string }[] | null;
}

export interface StatuspageIncident {
  id: string;
  name: string;
  status: string;
  impact?: string;
  created_at: string;
  resolved_at?: string | null;
  scheduled_for?: string | null;
  scheduled_until?: string | null;
  postmortem_body?: string | null;
  incident_updates?: StatuspageUpdate[];
  components?: { id: string }[];
}

export interface StatuspageSubscriber {
  id: string;
  mode?: string;
  email?: string | null;
  endpoint?: string | null;
  created_at?: string;
  quarantined_at?: string | null;
  components?: string[] | null;
  /** which list it came from: active (confirmed), unconfirmed, quarantined */
  state: 'active' | 'unconfirmed' | 'quarantined';
}

export interface StatuspageData {
  pageName?: string;
  components: StatuspageComponent[];
  groups: StatuspageGroup[];
  incidents: StatuspageIncident[];
  maintenances: StatuspageIncident[];
  /** null: not read (no API key); the report says so */
  subscribers: StatuspageSubscriber[] | null;
}
