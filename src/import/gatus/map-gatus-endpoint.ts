import { createHash } from 'node:crypto';
import { DNS_RECORD_TYPES } from '../../checks/dns/schema.ts';
import { HTTP_METHODS } from '../../checks/http/schema.ts';
import { usableConditions } from '../usable-conditions.ts';
import type { GatusAlert, GatusEndpoint, GatusExternalEndpoint } from './gatus-config.ts';

export type MappedEndpoint =
  | { ok: true; value: Record<string, unknown>; approximations: string[]; info: string[] }
  | { ok: false; reason: string };

/** Where Gatus picks the check by the URL's scheme, Pharos has a type; those it lacks are said. */
function checkOf(e: GatusEndpoint): { type: string; fields: Record<string, unknown> } | { reason: string } {
  const url = e.url ?? '';
  if (e.dns) {
    const recordType = (e.dns['query-type'] ?? 'A').toUpperCase();
    if (!(DNS_RECORD_TYPES as readonly string[]).includes(recordType))
      return { reason: `DNS query type ${recordType}: Pharos checks ${DNS_RECORD_TYPES.join(', ')}` };
    const resolver = url.replace(/^(udp|tcp):\/\//, '');
    return {
      type: 'dns',
      fields: { query: e.dns['query-name'] ?? '', record_type: recordType, ...(resolver ? { resolver } : {}) },
    };
  }
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(url)?.[1]?.toLowerCase() ?? (url.includes('${') ? 'http' : '');
  if (scheme === 'http' || scheme === 'https') {
    const method = (e.method ?? 'GET').toUpperCase();
    if (!(HTTP_METHODS as readonly string[]).includes(method))
      return { reason: `HTTP method ${method} is not one Pharos sends` };
    return {
      type: 'http',
      fields: {
        url,
        ...(method !== 'GET' ? { method } : {}),
        ...(e.headers
          ? { headers: Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, String(v)])) }
          : {}),
        ...(e.body !== undefined ? { body: String(e.body) } : {}),
        ...(e.client?.insecure ? { verify_tls: false } : {}),
        ...(e.client?.['ignore-redirect'] ? { follow_redirects: false } : {}),
      },
    };
  }
  const hostPort = /^[a-z]+:\/\/\[?([^\]/]+?)\]?:(\d+)\/?$/i.exec(url);
  if (scheme === 'tcp' || scheme === 'udp' || scheme === 'tls') {
    if (!hostPort) return { reason: `${url} is not ${scheme}://host:port` };
    return { type: scheme, fields: { host: hostPort[1], port: Number(hostPort[2]) } };
  }
  if (scheme === 'icmp') return { reason: 'ICMP is not a Pharos check type' };
  return { reason: `${scheme || 'this'} endpoints (${url || 'no url'}) have no Pharos check type` };
}

/** Gatus alerts fire after `failure-threshold` failures (default 3) and resolve after `success-threshold` (default 2). */
function thresholds(
  alerts: readonly GatusAlert[],
  defaults: Map<string, GatusAlert>,
): { failure: number; success: number; note?: string } {
  const on = alerts.filter((a) => a.enabled ?? defaults.get(a.type)?.enabled ?? true);
  if (on.length === 0) return { failure: 1, success: 1 };
  const f = on.map((a) => a['failure-threshold'] ?? defaults.get(a.type)?.['failure-threshold'] ?? 3);
  const s = on.map((a) => a['success-threshold'] ?? defaults.get(a.type)?.['success-threshold'] ?? 2);
  const failure = Math.min(...f);
  const success = Math.min(...s);
  const note =
    new Set(f).size > 1 || new Set(s).size > 1
      ? `its alerts have different thresholds (${f.join('/')} failures, ${s.join('/')} successes): the lowest are the monitor's`
      : undefined;
  return {
    failure: Math.min(100, Math.max(1, failure)),
    success: Math.min(100, Math.max(1, success)),
    ...(note ? { note } : {}),
  };
}

export function mapGatusEndpoint(e: GatusEndpoint, id: string, defaults: Map<string, GatusAlert>): MappedEndpoint {
  const check = checkOf(e);
  if ('reason' in check) return { ok: false, reason: check.reason };
  const approximations: string[] = [];
  const info: string[] = [];
  let conditions = e.conditions ?? [];
  if (check.type === 'dns' && conditions.some((c) => c.trim().startsWith('[BODY]'))) {
    conditions = conditions.map((c) => c.replace(/^\s*\[BODY\]/, '[IP]'));
    approximations.push("[BODY] of a Gatus DNS check (its answer) read as Pharos's [IP]");
  }
  const { kept, dropped } = usableConditions(check.type, conditions);
  for (const d of dropped) approximations.push(`condition ${JSON.stringify(d.condition)} left out: ${d.reason}`);
  if (kept.length === 0 && conditions.length > 0)
    approximations.push(`no condition left: the ${check.type} check's default conditions apply`);
  const t = thresholds(e.alerts ?? [], defaults);
  if (t.note) approximations.push(t.note);
  const hide = e.ui?.['hide-url'] || e.ui?.['hide-hostname'];
  const value: Record<string, unknown> = {
    id,
    type: check.type,
    name: e.name.slice(0, 200),
    ...check.fields,
    ...(e.interval ? { interval: e.interval } : {}),
    ...(e.client?.timeout ? { timeout: e.client.timeout } : {}),
    ...(kept.length ? { conditions: kept } : {}),
    failure_threshold: t.failure,
    success_threshold: t.success,
    ...(e.enabled === false ? { enabled: false } : {}),
    ...(hide || e.ui?.['hide-errors']
      ? { public: { ...(hide ? { hide_url: true } : {}), ...(e.ui?.['hide-errors'] ? { hide_errors: true } : {}) } }
      : {}),
  };
  const unread = Object.keys(e).filter(
    (k) =>
      ![
        'name',
        'group',
        'enabled',
        'url',
        'method',
        'headers',
        'body',
        'interval',
        'conditions',
        'alerts',
        'dns',
        'client',
        'ui',
        'maintenance-windows',
      ].includes(k),
  );
  if (unread.length) approximations.push(`settings ${unread.join(', ')} not carried`);
  const clientUnread = Object.keys(e.client ?? {}).filter(
    (k) => !['insecure', 'timeout', 'ignore-redirect'].includes(k),
  );
  if (clientUnread.length) approximations.push(`client settings ${clientUnread.join(', ')} not carried`);
  return { ok: true, value, approximations, info };
}

/** An external endpoint (results pushed to Gatus) as a push monitor; a token Pharos cannot take is replaced by a derived one. */
export function mapGatusExternalEndpoint(
  e: GatusExternalEndpoint,
  id: string,
  defaults: Map<string, GatusAlert>,
): MappedEndpoint {
  const approximations: string[] = [];
  const info: string[] = [];
  let token = e.token ?? '';
  if (!/^[A-Za-z0-9_-]{16,}$/.test(token) && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(token)) {
    token = createHash('sha256')
      .update(`pharos-import:${e.token ?? e.name}`)
      .digest('base64url')
      .slice(0, 32);
    approximations.push(
      'its token is not one Pharos takes (16+ letters, digits, _ or -): a new one was derived from it; see the monitor',
    );
  }
  info.push('results are pushed to <pharos>/api/push/<token> instead of /api/v1/endpoints/<key>/external');
  const t = thresholds(e.alerts ?? [], defaults);
  if (t.note) approximations.push(t.note);
  const interval = e.heartbeat?.interval;
  if (!interval)
    approximations.push('no heartbeat interval in Gatus (a push is never late there): Pharos expects one every hour');
  return {
    ok: true,
    value: {
      id,
      type: 'push',
      name: e.name.slice(0, 200),
      token,
      interval: interval ?? '1h',
      failure_threshold: t.failure,
      success_threshold: t.success,
      ...(e.enabled === false ? { enabled: false } : {}),
    },
    approximations,
    info,
  };
}
