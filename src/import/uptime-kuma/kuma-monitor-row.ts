import type { KumaMonitor } from './kuma-data.ts';

type Row = Record<string, unknown>;

/** The first of these keys the row has (database columns are snake_case, the backup's JSON mostly camelCase). */
function pick(row: Row, ...keys: string[]): unknown {
  for (const k of keys) if (row[k] !== undefined && row[k] !== null) return row[k];
  return null;
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

function statusCodes(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') {
    try {
      const parsed = JSON.parse(v) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      return [v];
    }
  }
  return ['200-299'];
}

/** A monitor row of Kuma's `monitor` table, or an entry of a backup's monitorList, in one shape. */
export function kumaMonitorFrom(row: Row, notificationIds: number[], tags: string[]): KumaMonitor {
  return {
    id: Number(row.id),
    name: text(row.name) ?? `monitor ${String(row.id)}`,
    description: text(row.description),
    type: text(row.type) ?? 'http',
    active: row.active === undefined ? true : bool(row.active),
    interval: num(row.interval) ?? 60,
    retryInterval: num(pick(row, 'retryInterval', 'retry_interval')) ?? 0,
    maxretries: num(row.maxretries) ?? 0,
    timeout: num(row.timeout),
    url: text(row.url),
    method: text(row.method),
    headers: text(row.headers),
    body: text(row.body),
    httpBodyEncoding: text(pick(row, 'httpBodyEncoding', 'http_body_encoding')),
    authMethod: text(pick(row, 'authMethod', 'auth_method')),
    basicAuthUser: text(pick(row, 'basic_auth_user', 'basicAuthUser')),
    basicAuthPass: text(pick(row, 'basic_auth_pass', 'basicAuthPass')),
    keyword: text(row.keyword),
    invertKeyword: bool(pick(row, 'invertKeyword', 'invert_keyword')),
    jsonPath: text(pick(row, 'jsonPath', 'json_path')),
    jsonPathOperator: text(pick(row, 'jsonPathOperator', 'json_path_operator')),
    expectedValue: text(pick(row, 'expectedValue', 'expected_value')),
    acceptedStatusCodes: statusCodes(pick(row, 'accepted_statuscodes', 'accepted_statuscodes_json')),
    hostname: text(row.hostname),
    port: num(row.port),
    dnsResolveType: text(pick(row, 'dns_resolve_type', 'dnsResolveType')),
    dnsResolveServer: text(pick(row, 'dns_resolve_server', 'dnsResolveServer')),
    pushToken: text(pick(row, 'pushToken', 'push_token')),
    ignoreTls: bool(pick(row, 'ignoreTls', 'ignore_tls')),
    upsideDown: bool(pick(row, 'upsideDown', 'upside_down')),
    maxRedirects: num(row.maxredirects) ?? 10,
    notificationIds,
    tags,
    proxyId: num(pick(row, 'proxyId', 'proxy_id')),
    resendInterval: num(pick(row, 'resendInterval', 'resend_interval')) ?? 0,
    parent: num(row.parent),
  };
}

export { bool as kumaBool, num as kumaNumber, text as kumaText };
