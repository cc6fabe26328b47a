import type { RecordedResult } from '../../store/store.ts';
import { IdAllocator, slugFor } from '../import-ids.ts';
import { emptyPlan, type ImportedIncidentUpdate, type ImportPlan } from '../import-plan.ts';
import type { KumaData, KumaHeartbeat } from './kuma-data.ts';
import { mapKumaMaintenance } from './map-kuma-maintenance.ts';
import { mapKumaMonitor } from './map-kuma-monitor.ts';
import { mapKumaNotification, SECRET_NOTE } from './map-kuma-notification.ts';

export interface KumaMapOptions {
  withHistory: boolean;
}

/**
 * An Uptime Kuma installation as a Pharos plan. Monitors map one to one; a monitor shown on a status page becomes a
 * component of the same id (Kuma has no components of its own), under the status page group's name; each status
 * page becomes a page listing those components; maintenance windows cover the components of their monitors and pages.
 */
export function mapKuma(data: KumaData, opts: KumaMapOptions): ImportPlan {
  const plan = emptyPlan();
  const { report } = plan;
  const monitorIds = new Map<number, string>();
  const monitorIdsAlloc = new IdAllocator('monitor');

  for (const m of data.monitors) {
    const id = monitorIdsAlloc.take(m.name, m.id);
    const mapped = mapKumaMonitor(m, id);
    if (!mapped.ok) {
      report.leftOut('monitor', m.name, mapped.reason);
      continue;
    }
    monitorIds.set(m.id, id);
    const line = report.add('monitor', m.name, `monitor ${id} (${String(mapped.value.type)})`, mapped.approximations);
    mapped.info.forEach((note) => report.info(line, note));
    plan.monitors.push({ value: mapped.value, line });
  }

  // components: the monitors shown on the status pages imported, in page and group order
  const componentOf = new Map<number, string>();
  const groupNames = new Set<string>();
  for (const page of data.statusPages.filter(isImported))
    for (const group of page.groups)
      for (const monitorId of group.monitorIds) {
        const id = monitorIds.get(monitorId);
        const monitor = data.monitors.find((m) => m.id === monitorId);
        if (!id || !monitor || componentOf.has(monitorId)) continue;
        componentOf.set(monitorId, id);
        const groupName = group.name.trim().slice(0, 200);
        const line = report.add(
          'status page entry',
          `${page.slug}/${monitor.name}`,
          `component ${id}${groupName ? ` in group "${groupName}"` : ''}`,
        );
        if (groupName) groupNames.add(groupName);
        plan.components.push({
          value: { id, name: monitor.name.slice(0, 200), ...(groupName ? { group: groupName } : {}), monitors: [id] },
          line,
        });
      }
  for (const name of groupNames) {
    const line = report.add('status page group', name, `component group "${name}"`);
    plan.groups.push({ value: { id: slugFor(name, 'group'), name }, line });
  }
  mapPages(data, plan, componentOf);
  mapMaintenances(data, plan, componentOf);
  mapNotifications(data, plan, monitorIds);
  mapAnnouncements(data, plan);
  for (const [table, rows] of Object.entries(data.otherRows))
    report.leftOut('table', table, `${rows} row(s): ${NOT_CARRIED[table] ?? 'nothing Pharos imports'}`);
  if (data.origin === 'backup')
    report.leftOut(
      'backup',
      'status pages, maintenance and history',
      "Kuma's backup JSON does not hold them: import its kuma.db for those",
    );
  if (opts.withHistory) mapHistory(data, plan, monitorIds);
  return plan;
}

/** A page that is not published, or protected by a password, is not made public by an import (nor its components). */
const isImported = (page: KumaData['statusPages'][number]) => page.published && !page.hasPassword;

function mapPages(data: KumaData, plan: ImportPlan, componentOf: Map<number, string>): void {
  const { report } = plan;
  const slugs = new IdAllocator('page');
  for (const page of data.statusPages) {
    if (!page.published) {
      report.leftOut('status page', page.slug, 'not published in Uptime Kuma');
      continue;
    }
    if (page.hasPassword) {
      report.leftOut(
        'status page',
        page.slug,
        'password-protected: set its access (pharos hash-password) and add it by hand, rather than publish it',
      );
      continue;
    }
    const slug = slugs.take(page.slug, page.id);
    const components = page.groups
      .flatMap((g) => g.monitorIds.map((id) => componentOf.get(id)))
      .filter((c): c is string => !!c);
    const notes: string[] = [];
    if (page.footerText) notes.push('footer text not carried (Pharos footers are links)');
    const domains = page.domains.map((d) => d.toLowerCase());
    const line = report.add('status page', page.slug, `page ${slug}`, notes);
    plan.pages.push({
      value: {
        slug,
        title: page.title.slice(0, 200),
        ...(page.description ? { description: page.description.slice(0, 2000) } : {}),
        components: [...new Set(components)],
        ...(page.customCss ? { custom_css: page.customCss } : {}),
        ...(domains.length ? { domains } : {}),
      },
      line,
    });
  }
}

function mapMaintenances(data: KumaData, plan: ImportPlan, componentOf: Map<number, string>): void {
  const ids = new IdAllocator('maintenance');
  for (const m of data.maintenances) {
    const components = new Set<string>();
    m.monitorIds.forEach((id) => componentOf.has(id) && components.add(componentOf.get(id)!));
    for (const pageId of m.statusPageIds)
      data.statusPages
        .find((p) => p.id === pageId)
        ?.groups.forEach((g) =>
          g.monitorIds.forEach((id) => componentOf.has(id) && components.add(componentOf.get(id)!)),
        );
    const notes: string[] = [];
    const unshown = m.monitorIds.filter((id) => !componentOf.has(id));
    if (unshown.length)
      notes.push(
        `${unshown.length} of its monitors are on no status page: Pharos silences components, so they are not covered`,
      );
    const id = ids.take(m.title, m.id);
    const mapped = mapKumaMaintenance(m, id, [...components]);
    if (!mapped.ok) {
      plan.report.leftOut('maintenance', m.title, mapped.reason);
      continue;
    }
    const line = plan.report.add('maintenance', m.title, `maintenance ${id}`, [...mapped.approximations, ...notes]);
    plan.maintenances.push({ value: mapped.value, line });
  }
}

function mapNotifications(data: KumaData, plan: ImportPlan, monitorIds: Map<number, string>): void {
  const ids = new IdAllocator('channel');
  for (const n of data.notifications) {
    const users = data.monitors.filter((m) => m.notificationIds.includes(n.id) && monitorIds.has(m.id));
    const everyone = monitorIds.size > 0 && users.length === monitorIds.size;
    const id = ids.take(n.name, n.id);
    const mapped = mapKumaNotification(n, id, everyone ? 'all' : users.map((m) => monitorIds.get(m.id)!));
    if (!mapped.ok) {
      plan.report.leftOut('notification', n.name, mapped.reason);
      continue;
    }
    const line = plan.report.add(
      'notification',
      n.name,
      `channel ${id} (${String(mapped.value.type)})`,
      mapped.approximations,
    );
    plan.report.info(line, SECRET_NOTE);
    plan.channels.push({ value: mapped.value, line });
  }
}

const NOT_CARRIED: Record<string, string> = {
  user: 'accounts are not carried: add Pharos users with pharos user add',
  api_key: 'API keys are not carried: make Pharos tokens with pharos token create',
  proxy: 'Pharos connects directly: monitors that used a proxy say so',
  docker_host: 'Pharos does not watch Docker hosts',
  remote_browser: 'Pharos has no browser checks',
};

/** Kuma's status page announcements (pinned messages) as incidents: still pinned is open, unpinned resolved. */
function mapAnnouncements(data: KumaData, plan: ImportPlan): void {
  const impacts: Record<string, 'major' | 'minor' | 'none'> = { danger: 'major', warning: 'minor' };
  for (const i of data.incidents) {
    if (!Number.isFinite(i.createdAt)) {
      plan.report.leftOut('status page announcement', i.title, 'its date does not read');
      continue;
    }
    const impact = impacts[i.style] ?? 'none';
    const updates: ImportedIncidentUpdate[] = [
      { status: 'investigating', body: i.content.slice(0, 20_000) || '(no text)', at: i.createdAt, components: [] },
    ];
    if (!i.pinned)
      updates.push({
        status: 'resolved',
        body: '(unpinned in Uptime Kuma)',
        at: Math.max(i.createdAt, i.updatedAt ?? i.createdAt),
        components: [],
      });
    const line = plan.report.add('status page announcement', i.title, `incident (${i.pinned ? 'open' : 'resolved'})`, [
      `a "${i.style}" announcement becomes an incident of impact ${impact}, on no component`,
    ]);
    plan.incidents.push({ value: { name: i.title.slice(0, 300), impact, updates }, line });
  }
}

function mapHistory(data: KumaData, plan: ImportPlan, monitorIds: Map<number, string>): void {
  if (!data.heartbeats) {
    plan.report.leftOut('history', 'heartbeats', 'the backup JSON holds no heartbeats: import kuma.db for history');
    return;
  }
  for (const [kumaId, id] of monitorIds) {
    const beats = data.heartbeats(kumaId);
    if (beats.length === 0) continue;
    const results = beats.filter((b) => Number.isFinite(b.time)).map((b) => resultOf(id, b));
    const pending = beats.filter((b) => b.status === 2).length;
    const line = plan.report.add(
      'history',
      data.monitors.find((m) => m.id === kumaId)?.name ?? String(kumaId),
      `${results.length} results and their rollups of monitor ${id}`,
      pending ? [`${pending} pending heartbeats (failed, retrying) counted as failures`] : [],
    );
    plan.history.push({ value: { monitorId: id, results }, line });
  }
}

function resultOf(monitorId: string, b: KumaHeartbeat): RecordedResult {
  const ok = b.status === 1;
  return {
    monitorId,
    startedAt: b.time,
    latencyMs: b.ping ?? 0,
    ok: ok || b.status === 3,
    degraded: false,
    maintenance: b.status === 3,
    statusCode: null,
    error: ok || b.status === 3 ? null : (b.msg ?? 'down'),
  };
}
