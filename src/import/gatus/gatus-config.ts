import { parse } from 'yaml';
import { ImportError } from '../import-error.ts';

/** The parts of a Gatus config Pharos reads (keys as Gatus spells them). Unknown keys are reported, not refused. */
export interface GatusAlert {
  type: string;
  enabled?: boolean;
  'failure-threshold'?: number;
  'success-threshold'?: number;
  'send-on-resolved'?: boolean;
  description?: string;
}

export interface GatusEndpoint {
  name: string;
  group?: string;
  enabled?: boolean;
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  interval?: string;
  conditions?: string[];
  alerts?: GatusAlert[];
  dns?: { 'query-name'?: string; 'query-type'?: string };
  client?: { insecure?: boolean; timeout?: string; 'ignore-redirect'?: boolean };
  ui?: { 'hide-url'?: boolean; 'hide-hostname'?: boolean; 'hide-errors'?: boolean };
  'maintenance-windows'?: GatusMaintenance[];
  [key: string]: unknown;
}

export interface GatusExternalEndpoint {
  name: string;
  group?: string;
  enabled?: boolean;
  token?: string;
  alerts?: GatusAlert[];
  heartbeat?: { interval?: string };
}

export interface GatusMaintenance {
  enabled?: boolean;
  start?: string;
  duration?: string;
  timezone?: string;
  every?: string[];
}

export interface GatusConfig {
  endpoints: GatusEndpoint[];
  externalEndpoints: GatusExternalEndpoint[];
  alerting: Record<string, Record<string, unknown>>;
  maintenance?: GatusMaintenance;
  title?: string;
  /** top-level keys Pharos has nothing for (storage, web, security …) */
  otherKeys: string[];
}

/** Parse a Gatus config's text. `${ENV}` references stay as written (Pharos substitutes them itself, the same way). */
export function readGatusConfig(text: string): GatusConfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ImportError(`not a YAML file: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ImportError('not a Gatus config: not a mapping');
  const d = doc as Record<string, unknown>;
  const endpoints = Array.isArray(d.endpoints) ? (d.endpoints as GatusEndpoint[]) : [];
  const externalEndpoints = Array.isArray(d['external-endpoints'])
    ? (d['external-endpoints'] as GatusExternalEndpoint[])
    : [];
  if (endpoints.length === 0 && externalEndpoints.length === 0)
    throw new ImportError('not a Gatus config: no "endpoints" or "external-endpoints"');
  const ui = d.ui && typeof d.ui === 'object' ? (d.ui as Record<string, unknown>) : {};
  const known = new Set(['endpoints', 'external-endpoints', 'alerting', 'maintenance', 'ui', 'metrics']);
  return {
    endpoints,
    externalEndpoints,
    alerting: d.alerting && typeof d.alerting === 'object' ? (d.alerting as GatusConfig['alerting']) : {},
    ...(d.maintenance && typeof d.maintenance === 'object' ? { maintenance: d.maintenance as GatusMaintenance } : {}),
    ...(typeof ui.title === 'string' ? { title: ui.title } : {}),
    otherKeys: Object.keys(d).filter((k) => !known.has(k)),
  };
}
