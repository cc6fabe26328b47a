import { HTTP_METHODS } from '../../checks/http/schema.ts';
import { DNS_RECORD_TYPES } from '../../checks/dns/schema.ts';
import { quoted, statusCodeConditions } from '../condition-text.ts';
import type { KumaMonitor } from './kuma-data.ts';

export type MappedMonitor =
  | { ok: true; value: Record<string, unknown>; approximations: string[]; info: string[] }
  | { ok: false; reason: string };

/** Kuma types Pharos has no check for, with what to say. */
const UNSUPPORTED: Record<string, string> = {
  ping: 'ICMP ping is not a Pharos check type (a tcp or http monitor on the same host can stand in)',
  group: 'a Kuma group only folds monitors together; its monitors are imported on their own',
  docker: 'Pharos does not watch Docker containers',
  postgres: 'Pharos has no database check type',
  mysql: 'Pharos has no database check type',
  sqlserver: 'Pharos has no database check type',
  mongodb: 'Pharos has no database check type',
  redis: 'Pharos has no database check type',
};

/** Operators of Kuma's json-query monitor that Pharos conditions share. */
const JSON_OPERATORS = new Set(['==', '!=', '<', '<=', '>', '>=', 'contains']);

/**
 * One Kuma monitor as a Pharos monitor: http/keyword/json-query → http with conditions, port → tcp, dns, push.
 * Retries become the failure threshold (Kuma reports down after `maxretries` failed retries: that many + 1 failures).
 */
export function mapKumaMonitor(m: KumaMonitor, id: string): MappedMonitor {
  const approximations: string[] = [];
  const info: string[] = [];
  const common: Record<string, unknown> = {
    id,
    name: m.name.slice(0, 200),
    ...(m.description ? { description: m.description.slice(0, 2000) } : {}),
    interval: `${Math.max(1, Math.round(m.interval))}s`,
    failure_threshold: Math.min(100, Math.max(1, m.maxretries + 1)),
    ...(m.active ? {} : { enabled: false }),
  };
  if (m.timeout && m.timeout > 0) common.timeout = `${Math.round(m.timeout * 1000)}ms`;
  else if (m.type !== 'push') common.timeout = `${Math.max(1, Math.round(m.interval * 0.8))}s`;
  if (m.maxretries > 0 && m.retryInterval > 0 && m.retryInterval !== m.interval)
    approximations.push(`retries every ${m.retryInterval}s in Kuma; Pharos retries at the interval (${m.interval}s)`);
  if (m.tags.length) info.push(`tags ${m.tags.join(', ')} not carried (Pharos has none)`);
  if (m.proxyId !== null) approximations.push('Kuma checked it through a proxy: Pharos connects directly');
  if (m.resendInterval > 0)
    approximations.push(
      `Kuma repeated down notifications every ${m.resendInterval} beats: set reminder_every on the channel`,
    );

  if (UNSUPPORTED[m.type]) return { ok: false, reason: `type ${m.type}: ${UNSUPPORTED[m.type]}` };
  switch (m.type) {
    case 'http':
    case 'keyword':
    case 'json-query':
      return http(m, common, approximations, info);
    case 'port':
      if (!m.hostname || !m.port) return { ok: false, reason: 'a port monitor without host or port' };
      return done(
        {
          ...common,
          type: 'tcp',
          host: m.hostname,
          port: m.port,
          ...(m.upsideDown ? { conditions: ['[CONNECTED] == false'] } : {}),
        },
        approximations,
        info,
      );
    case 'dns': {
      const recordType = (m.dnsResolveType ?? 'A').toUpperCase();
      if (!(DNS_RECORD_TYPES as readonly string[]).includes(recordType))
        return { ok: false, reason: `DNS record type ${recordType}: Pharos checks ${DNS_RECORD_TYPES.join(', ')}` };
      if (!m.hostname) return { ok: false, reason: 'a dns monitor without a name to resolve' };
      if (m.upsideDown) approximations.push('upside-down mode has no dns equivalent: imported paused');
      const resolver = m.dnsResolveServer
        ? `${m.dnsResolveServer.split(',')[0]!.trim()}${m.port && m.port !== 53 ? `:${m.port}` : ''}`
        : undefined;
      if (m.dnsResolveServer?.includes(','))
        approximations.push(`only the first resolver of ${m.dnsResolveServer} is asked`);
      return done(
        {
          ...common,
          type: 'dns',
          query: m.hostname,
          record_type: recordType,
          ...(resolver ? { resolver } : {}),
          ...(m.upsideDown ? { enabled: false } : {}),
        },
        approximations,
        info,
      );
    }
    case 'push': {
      if (!m.pushToken) return { ok: false, reason: 'a push monitor without a token' };
      info.push('token kept: the pushing side changes only the host, to <pharos>/api/push/<token>');
      return done({ ...common, type: 'push', token: m.pushToken }, approximations, info);
    }
    default:
      return { ok: false, reason: `type ${m.type} has no Pharos check type` };
  }
}

function http(
  m: KumaMonitor,
  common: Record<string, unknown>,
  approximations: string[],
  info: string[],
): MappedMonitor {
  if (!m.url) return { ok: false, reason: 'an http monitor without a URL' };
  const method = (m.method ?? 'GET').toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method))
    return { ok: false, reason: `HTTP method ${method} is not one Pharos sends` };
  const headers: Record<string, string> = {};
  if (m.headers) {
    try {
      const parsed = JSON.parse(m.headers) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        for (const [k, v] of Object.entries(parsed)) headers[k] = String(v);
      else approximations.push('headers were not a JSON object: left out');
    } catch {
      approximations.push('headers were not valid JSON: left out');
    }
  }
  const encoding = (m.httpBodyEncoding ?? 'json').toLowerCase();
  const contentType = {
    json: 'application/json',
    form: 'application/x-www-form-urlencoded',
    xml: 'text/xml; charset=utf-8',
  }[encoding];
  if (m.body && contentType && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
    headers['Content-Type'] = contentType;
  const auth = (m.authMethod ?? (m.basicAuthUser ? 'basic' : null))?.toLowerCase() ?? null;
  if (auth === 'basic' && m.basicAuthUser) {
    headers.Authorization = `Basic ${Buffer.from(`${m.basicAuthUser}:${m.basicAuthPass ?? ''}`).toString('base64')}`;
    info.push('basic-auth credentials carried as an Authorization header (secret, redacted here)');
  } else if (auth && auth !== 'basic' && auth !== 'null' && auth !== '') {
    approximations.push(`${auth} authentication is not supported: the check runs without it`);
  }
  const codes = statusCodeConditions(m.acceptedStatusCodes);
  if (codes.approximate) approximations.push(codes.approximate);
  const conditions = [...codes.conditions];
  if (m.type === 'keyword' && m.keyword)
    conditions.push(`[BODY] ${m.invertKeyword ? '!contains' : 'contains'} ${quoted(m.keyword)}`);
  if (m.type === 'json-query') {
    const path = simpleJsonPath(m.jsonPath);
    const op = m.jsonPathOperator ?? '==';
    if (path === null || !JSON_OPERATORS.has(op))
      approximations.push(
        `JSONata query ${JSON.stringify(m.jsonPath)} ${op} ${JSON.stringify(m.expectedValue)} has no condition equivalent: left out`,
      );
    else
      conditions.push(
        `[BODY]${path} ${op} ${/^-?\d+(\.\d+)?$/.test(m.expectedValue ?? '') && op !== 'contains' ? m.expectedValue : quoted(m.expectedValue ?? '')}`,
      );
  }
  const value: Record<string, unknown> = {
    ...common,
    type: 'http',
    url: m.url,
    ...(method !== 'GET' ? { method } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(m.body ? { body: m.body } : {}),
    ...(m.ignoreTls ? { verify_tls: false } : {}),
    ...(m.maxRedirects === 0 ? { follow_redirects: false } : {}),
    conditions,
  };
  if (m.maxRedirects > 0 && m.maxRedirects !== 10)
    approximations.push(`at most ${m.maxRedirects} redirects in Kuma; Pharos follows its own limit`);
  if (m.upsideDown) {
    approximations.push('upside-down mode has no http equivalent: imported paused');
    value.enabled = false;
  }
  return done(value, approximations, info);
}

/** `$.a.b[0]` or `a.b[0]` (a plain path of Kuma's JSONata) as Pharos's `.a.b[0]`; null for anything richer. */
export function simpleJsonPath(path: string | null): string | null {
  if (!path) return null;
  const p = path.trim().replace(/^\$\.?/, '');
  if (p === '') return '';
  if (!/^[A-Za-z_][\w-]*(\[\d+\]|\.[A-Za-z_][\w-]*)*$/.test(p)) return null;
  return `.${p}`;
}

function done(value: Record<string, unknown>, approximations: string[], info: string[]): MappedMonitor {
  return { ok: true, value, approximations, info };
}
