import { isValidTimeZone } from '../../domain/maintenance/wall-clock.ts';
import { parseDuration } from '../../domain/duration.ts';
import { IdAllocator, slugFor } from '../import-ids.ts';
import { emptyPlan, type ImportPlan } from '../import-plan.ts';
import type { GatusAlert, GatusConfig, GatusMaintenance } from './gatus-config.ts';
import { mapGatusEndpoint, mapGatusExternalEndpoint } from './map-gatus-endpoint.ts';
import { mapGatusProvider } from './map-gatus-provider.ts';

const WEEKDAYS: Record<string, string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};
/** Gatus windows have no date: a recurrence needs one; a fixed Monday keeps the output the same on every run. */
const RECURRENCE_START = '2025-01-06';

/**
 * A Gatus config as a Pharos plan: each endpoint a monitor and a component (in its group), each external endpoint a
 * push monitor and a component, each alerting provider a channel hearing about the endpoints that alert through it,
 * maintenance windows as recurring maintenances. Conditions are kept verbatim where Pharos reads them the same.
 */
export function mapGatus(config: GatusConfig): ImportPlan {
  const plan = emptyPlan();
  const { report } = plan;
  if (config.title) plan.title = config.title;
  const defaults = new Map<string, GatusAlert>();
  for (const [type, settings] of Object.entries(config.alerting))
    if (settings && typeof settings['default-alert'] === 'object')
      defaults.set(type, { type, ...(settings['default-alert'] as object) });

  const ids = new IdAllocator('endpoint');
  const alertUsers = new Map<string, { monitor: string; resolved: boolean }[]>();
  const groups = new Set<string>();
  const entries = [
    ...config.endpoints.map((e) => ({ e, kind: 'endpoint', map: () => mapGatusEndpoint(e, '', defaults) })),
    ...config.externalEndpoints.map((e) => ({
      e,
      kind: 'external endpoint',
      map: () => mapGatusExternalEndpoint(e, '', defaults),
    })),
  ];
  for (const { e, kind, map } of entries) {
    const name = String(e.name ?? '');
    const id = ids.take(e.group ? `${e.group}-${name}` : name, name);
    const mapped = map();
    if (!mapped.ok) {
      report.leftOut(kind, name, mapped.reason);
      continue;
    }
    mapped.value.id = id;
    const line = report.add(
      kind,
      e.group ? `${e.group}/${name}` : name,
      `monitor ${id} (${String(mapped.value.type)}) and component ${id}`,
      mapped.approximations,
    );
    mapped.info.forEach((note) => report.info(line, note));
    plan.monitors.push({ value: mapped.value, line });
    const group = e.group?.trim().slice(0, 200);
    if (group) groups.add(group);
    plan.components.push({
      value: { id, name: name.slice(0, 200), ...(group ? { group } : {}), monitors: [id] },
      line,
    });
    for (const alert of e.alerts ?? []) {
      if (!(alert.enabled ?? defaults.get(alert.type)?.enabled ?? true)) continue;
      const resolved = alert['send-on-resolved'] ?? defaults.get(alert.type)?.['send-on-resolved'] ?? false;
      alertUsers.set(alert.type, [...(alertUsers.get(alert.type) ?? []), { monitor: id, resolved }]);
    }
    if ('maintenance-windows' in e && Array.isArray(e['maintenance-windows']))
      (e['maintenance-windows'] as GatusMaintenance[]).forEach((w, i) =>
        maintenance(plan, w, `${id}-window-${i + 1}`, `${name} window ${i + 1}`, [id]),
      );
  }
  for (const name of groups) {
    const line = report.add('group', name, `component group "${name}"`);
    plan.groups.push({ value: { id: slugFor(name, 'group'), name }, line });
  }
  const channelIds = new IdAllocator('channel');
  for (const [type, settings] of Object.entries(config.alerting)) {
    const mapped = mapGatusProvider(type, settings ?? {});
    if ('reason' in mapped) {
      report.leftOut('alerting provider', type, mapped.reason);
      continue;
    }
    const users = alertUsers.get(type) ?? [];
    const notes = [...mapped.approximations];
    const resolvedToo = users.filter((u) => u.resolved).length;
    if (resolvedToo > 0 && resolvedToo < users.length)
      notes.push(`send-on-resolved differs between its alerts: recoveries are sent for all ${users.length}`);
    if (users.length === 0)
      notes.push('no endpoint alerts through it: it hears about nothing until monitors are added');
    if (settings && Array.isArray(settings.overrides)) notes.push('per-group overrides not carried');
    const id = channelIds.take(type, type);
    const line = report.add('alerting provider', type, `channel ${id} (${String(mapped.fields.type)})`, notes);
    report.info(
      line,
      'its secrets (tokens, keys, passwords, webhook URLs) carried, redacted here; ${ENV} references kept',
    );
    plan.channels.push({
      value: {
        id,
        ...mapped.fields,
        events: resolvedToo > 0 ? ['monitor.down', 'monitor.up'] : ['monitor.down'],
        monitors: users.map((u) => u.monitor),
      },
      line,
    });
  }
  if (config.maintenance && config.maintenance.enabled !== false)
    maintenance(
      plan,
      config.maintenance,
      'gatus-maintenance',
      'maintenance',
      plan.components.map((c) => String(c.value.id)),
    );
  for (const key of config.otherKeys)
    report.leftOut(
      'setting',
      key,
      `Gatus's "${key}" settings have no Pharos counterpart in an import (set Pharos's own)`,
    );
  return plan;
}

function maintenance(plan: ImportPlan, w: GatusMaintenance, id: string, name: string, components: string[]): void {
  const start = /^(\d{1,2}):(\d{2})$/.exec(w.start ?? '');
  const ms = parseDuration(w.duration ?? '');
  if (!start || ms === undefined) {
    plan.report.leftOut('maintenance', name, 'needs start (hh:mm) and duration');
    return;
  }
  const notes: string[] = [];
  let timeZone = w.timezone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    notes.push(`time zone ${JSON.stringify(w.timezone)} read as UTC`);
    timeZone = 'UTC';
  }
  const days = (w.every ?? []).map((d) => WEEKDAYS[d.toLowerCase()]).filter((d): d is string => !!d);
  const begin = `${RECURRENCE_START}T${start[1]!.padStart(2, '0')}:${start[2]}`;
  const end = new Date(Date.parse(`${begin}:00Z`) + ms).toISOString().slice(0, 16);
  const line = plan.report.add('maintenance', name, `maintenance ${id}`, notes);
  plan.maintenances.push({
    value: {
      id,
      title: `Maintenance (${name})`.slice(0, 300),
      time_zone: timeZone,
      start: begin,
      end,
      components,
      recurrence: { rrule: days.length ? `FREQ=WEEKLY;BYDAY=${days.join(',')}` : 'FREQ=DAILY' },
    },
    line,
  });
}
