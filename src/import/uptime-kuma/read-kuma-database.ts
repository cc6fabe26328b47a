import BetterSqlite3 from 'better-sqlite3';
import { ImportError } from '../import-error.ts';
import type { KumaData, KumaHeartbeat, KumaIncident, KumaMaintenance, KumaStatusPage } from './kuma-data.ts';
import { kumaBool, kumaMonitorFrom, kumaNumber, kumaText } from './kuma-monitor-row.ts';
import { notificationFrom } from './read-kuma-backup.ts';

type Row = Record<string, unknown>;

/** Kuma's tables that hold nothing Pharos imports; their rows are counted for the report. */
const NOT_IMPORTED = ['user', 'api_key', 'proxy', 'docker_host', 'remote_browser'] as const;

/**
 * Uptime Kuma's SQLite database (`data/kuma.db`), opened read-only: Kuma may keep running. Columns are read by name
 * (`SELECT *`), so databases of 1.x and 2.x both read; a table a version lacks reads as empty.
 */
export function readKumaDatabase(file: string): { data: KumaData; close(): void } {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT id FROM monitor LIMIT 1').all();
  } catch (err) {
    throw new ImportError(`cannot read ${file} as an Uptime Kuma database: ${(err as Error).message}`);
  }
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Row[]).map((r) => String(r.name)),
  );
  const all = (table: string, sql: string, ...params: unknown[]): Row[] =>
    tables.has(table) ? (db.prepare(sql).all(...params) as Row[]) : [];
  const byKey = (rows: Row[], key: string, value: string) => {
    const map = new Map<number, unknown[]>();
    for (const r of rows) {
      const k = Number(r[key]);
      map.set(k, [...(map.get(k) ?? []), r[value]]);
    }
    return map;
  };

  const links = byKey(
    all('monitor_notification', 'SELECT * FROM monitor_notification'),
    'monitor_id',
    'notification_id',
  );
  const tags = byKey(
    all('monitor_tag', 'SELECT mt.monitor_id, tag.name FROM monitor_tag mt JOIN tag ON tag.id = mt.tag_id'),
    'monitor_id',
    'name',
  );
  const monitors = all('monitor', 'SELECT * FROM monitor ORDER BY id').map((r) =>
    kumaMonitorFrom(r, (links.get(Number(r.id)) ?? []).map(Number), (tags.get(Number(r.id)) ?? []).map(String)),
  );
  const notifications = all('notification', 'SELECT * FROM notification ORDER BY id').map(notificationFrom);

  const domains = byKey(all('status_page_cname', 'SELECT * FROM status_page_cname'), 'status_page_id', 'domain');
  const groups = all('group', 'SELECT * FROM "group" ORDER BY weight, id');
  const members = all('monitor_group', 'SELECT * FROM monitor_group ORDER BY weight, id');
  const statusPages: KumaStatusPage[] = all('status_page', 'SELECT * FROM status_page ORDER BY id').map((p) => ({
    id: Number(p.id),
    slug: String(p.slug),
    title: String(p.title ?? p.slug),
    description: kumaText(p.description),
    footerText: kumaText(p.footer_text),
    customCss: kumaText(p.custom_css),
    published: p.published === undefined ? true : kumaBool(p.published),
    hasPassword: kumaText(p.password) !== null,
    domains: (domains.get(Number(p.id)) ?? []).map(String),
    groups: groups
      .filter((g) => Number(g.status_page_id) === Number(p.id))
      .map((g) => ({
        name: String(g.name),
        monitorIds: members.filter((m) => Number(m.group_id) === Number(g.id)).map((m) => Number(m.monitor_id)),
      })),
  }));

  const maintMonitors = byKey(
    all('monitor_maintenance', 'SELECT * FROM monitor_maintenance'),
    'maintenance_id',
    'monitor_id',
  );
  const maintPages = byKey(
    all('maintenance_status_page', 'SELECT * FROM maintenance_status_page'),
    'maintenance_id',
    'status_page_id',
  );
  const maintenances: KumaMaintenance[] = all('maintenance', 'SELECT * FROM maintenance ORDER BY id').map((m) => ({
    id: Number(m.id),
    title: String(m.title),
    description: String(m.description ?? ''),
    active: kumaBool(m.active),
    strategy: String(m.strategy ?? 'single'),
    startDate: kumaText(m.start_date),
    endDate: kumaText(m.end_date),
    startTime: kumaText(m.start_time),
    endTime: kumaText(m.end_time),
    weekdays: jsonList(m.weekdays).map(Number),
    daysOfMonth: jsonList(m.days_of_month) as (number | string)[],
    intervalDay: kumaNumber(m.interval_day),
    cron: kumaText(m.cron),
    duration: kumaNumber(m.duration),
    timezone: kumaText(m.timezone),
    monitorIds: (maintMonitors.get(Number(m.id)) ?? []).map(Number),
    statusPageIds: (maintPages.get(Number(m.id)) ?? []).map(Number),
  }));

  const incidents: KumaIncident[] = all('incident', 'SELECT * FROM incident ORDER BY id').map((i) => ({
    title: String(i.title),
    content: String(i.content ?? ''),
    style: String(i.style ?? 'warning'),
    createdAt: kumaTime(String(i.created_date)),
    updatedAt: i.last_updated_date ? kumaTime(String(i.last_updated_date)) : null,
    pinned: kumaBool(i.pin) && (i.active === undefined || kumaBool(i.active)),
  }));
  const otherRows: Record<string, number> = {};
  for (const table of NOT_IMPORTED)
    if (tables.has(table)) {
      const n = Number((db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as Row).n);
      if (n > 0) otherRows[table] = n;
    }

  const beats = tables.has('heartbeat')
    ? db.prepare('SELECT monitor_id, status, time, ping, msg FROM heartbeat WHERE monitor_id = ? ORDER BY time, id')
    : null;
  const heartbeats = (monitorId: number): KumaHeartbeat[] =>
    beats
      ? (beats.all(monitorId) as Row[]).map((b) => ({
          monitorId,
          status: Number(b.status),
          time: kumaTime(String(b.time)),
          ping: kumaNumber(b.ping),
          msg: kumaText(b.msg),
        }))
      : [];
  return {
    data: { origin: 'database', monitors, notifications, statusPages, maintenances, incidents, otherRows, heartbeats },
    close: () => db.close(),
  };
}

function jsonList(v: unknown): unknown[] {
  if (typeof v !== 'string') return [];
  try {
    const parsed = JSON.parse(v) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Kuma writes heartbeat times as UTC "YYYY-MM-DD HH:mm:ss(.SSS)". */
export function kumaTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z'}`);
}
