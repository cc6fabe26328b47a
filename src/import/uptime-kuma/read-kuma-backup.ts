import { ImportError } from '../import-error.ts';
import type { KumaData, KumaNotification } from './kuma-data.ts';
import { kumaBool, kumaMonitorFrom } from './kuma-monitor-row.ts';

type Row = Record<string, unknown>;

/**
 * Uptime Kuma's backup JSON (Settings → Backup → Export, 1.x): `{ version, notificationList, monitorList }`, each
 * monitor as its `toJSON()` with sensitive data, each notification as its row (its `config` a JSON text).
 */
export function readKumaBackup(value: unknown): KumaData {
  const doc = value as { monitorList?: unknown; notificationList?: unknown } | null;
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.monitorList))
    throw new ImportError('not an Uptime Kuma backup: no "monitorList" array');
  const notifications = (Array.isArray(doc.notificationList) ? (doc.notificationList as Row[]) : []).map(
    notificationFrom,
  );
  const monitors = (doc.monitorList as Row[]).map((m) => {
    const list = m.notificationIDList && typeof m.notificationIDList === 'object' ? m.notificationIDList : {};
    const ids = Object.entries(list as Record<string, unknown>)
      .filter(([, on]) => on === true || on === 1)
      .map(([id]) => Number(id));
    const tags = Array.isArray(m.tags) ? (m.tags as Row[]).map((t) => String(t.name ?? '')).filter(Boolean) : [];
    return kumaMonitorFrom(m, ids, tags);
  });
  const proxies = Array.isArray((doc as { proxyList?: unknown }).proxyList)
    ? (doc as { proxyList: unknown[] }).proxyList.length
    : 0;
  return {
    origin: 'backup',
    monitors,
    notifications,
    statusPages: [],
    maintenances: [],
    incidents: [],
    otherRows: proxies ? { proxy: proxies } : {},
  };
}

export function notificationFrom(row: Row): KumaNotification {
  let config: Record<string, unknown> = {};
  if (typeof row.config === 'string') {
    try {
      config = JSON.parse(row.config) as Record<string, unknown>;
    } catch {
      config = {};
    }
  } else if (row.config && typeof row.config === 'object') config = row.config as Record<string, unknown>;
  return {
    id: Number(row.id),
    name: String(row.name ?? config.name ?? `notification ${String(row.id)}`),
    active: row.active === undefined ? true : kumaBool(row.active),
    isDefault: kumaBool(row.is_default ?? row.isDefault),
    config,
  };
}
