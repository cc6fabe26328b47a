/**
 * What Pharos reads of an Uptime Kuma installation, the same whether it comes from its backup JSON (1.x "Export
 * Backup": monitors and notifications only) or from its SQLite database (everything, history included).
 */
export interface KumaMonitor {
  id: number;
  name: string;
  description: string | null;
  type: string;
  active: boolean;
  /** seconds */
  interval: number;
  retryInterval: number;
  maxretries: number;
  /** seconds; 0 or absent: Kuma's default (80 % of the interval) */
  timeout: number | null;
  url: string | null;
  method: string | null;
  /** JSON text of an object */
  headers: string | null;
  body: string | null;
  /** json (the default), form or xml: the Content-Type Kuma sends a body with */
  httpBodyEncoding: string | null;
  authMethod: string | null;
  basicAuthUser: string | null;
  basicAuthPass: string | null;
  keyword: string | null;
  invertKeyword: boolean;
  jsonPath: string | null;
  jsonPathOperator: string | null;
  expectedValue: string | null;
  acceptedStatusCodes: string[];
  hostname: string | null;
  port: number | null;
  dnsResolveType: string | null;
  dnsResolveServer: string | null;
  pushToken: string | null;
  ignoreTls: boolean;
  upsideDown: boolean;
  maxRedirects: number;
  notificationIds: number[];
  tags: string[];
  proxyId: number | null;
  /** beats between repeated down notifications; 0: never */
  resendInterval: number;
  parent: number | null;
}

export interface KumaNotification {
  id: number;
  name: string;
  active: boolean;
  isDefault: boolean;
  /** the provider's settings (type, URLs, tokens …) */
  config: Record<string, unknown>;
}

export interface KumaStatusPageGroup {
  name: string;
  monitorIds: number[];
}

export interface KumaStatusPage {
  id: number;
  slug: string;
  title: string;
  description: string | null;
  footerText: string | null;
  customCss: string | null;
  published: boolean;
  hasPassword: boolean;
  domains: string[];
  /** in display order */
  groups: KumaStatusPageGroup[];
}

export interface KumaMaintenance {
  id: number;
  title: string;
  description: string;
  active: boolean;
  strategy: string;
  /** "YYYY-MM-DD HH:mm:ss" wall clock in `timezone` */
  startDate: string | null;
  endDate: string | null;
  /** "HH:mm" or "HH:mm:ss" */
  startTime: string | null;
  endTime: string | null;
  weekdays: number[];
  daysOfMonth: (number | string)[];
  intervalDay: number | null;
  cron: string | null;
  /** minutes, for cron */
  duration: number | null;
  timezone: string | null;
  monitorIds: number[];
  statusPageIds: number[];
}

/** 0 down, 1 up, 2 pending, 3 maintenance */
export interface KumaHeartbeat {
  monitorId: number;
  status: number;
  /** ms since epoch */
  time: number;
  ping: number | null;
  msg: string | null;
}

/** A status page's announcement (Kuma's `incident` table): a pinned message with a style. */
export interface KumaIncident {
  title: string;
  content: string;
  /** info, warning, danger, primary, light, dark */
  style: string;
  /** ms since epoch */
  createdAt: number;
  updatedAt: number | null;
  /** still shown on its page */
  pinned: boolean;
}

export interface KumaData {
  /** what it was read from, for the report: the backup lacks status pages, maintenance and history */
  origin: 'backup' | 'database';
  monitors: KumaMonitor[];
  notifications: KumaNotification[];
  statusPages: KumaStatusPage[];
  maintenances: KumaMaintenance[];
  incidents: KumaIncident[];
  /** rows Pharos does not import, per table (user, api_key, proxy …), for the report */
  otherRows: Record<string, number>;
  /** a monitor's heartbeats, oldest first (database only) */
  heartbeats?: (monitorId: number) => KumaHeartbeat[];
}
