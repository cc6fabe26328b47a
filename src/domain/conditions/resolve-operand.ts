import type { Probe } from '../probe.ts';
import type { Operand, PathStep } from './condition.ts';

/** A value read from a probe: JSON-shaped, because [BODY] paths reach into parsed JSON. */
export type Value = string | number | boolean | null | readonly unknown[] | { readonly [key: string]: unknown };

/** The operand's value, or why there is none (the `actual` a failed condition reports). */
export type Resolved = { found: true; value: Value } | { found: false; actual: string };

export const NONE = '(none)';
export const MISSING = '(missing)';
export const NOT_JSON = '(body is not JSON)';

export function resolveOperand(operand: Operand, probe: Probe): Resolved {
  const base = resolvePlaceholder(operand, probe);
  if (operand.fn === 'has') return { found: true, value: base.found };
  if (operand.fn === 'len') return base.found ? { found: true, value: lengthOf(base.value) } : base;
  return base;
}

function resolvePlaceholder(operand: Operand, probe: Probe): Resolved {
  switch (operand.placeholder) {
    case 'STATUS':
      return defined(probe.status);
    case 'RESPONSE_TIME':
      return defined(probe.responseTimeMs);
    case 'CONNECTED':
      return defined(probe.connected);
    case 'DNS_RCODE':
      return defined(probe.dnsRcode?.toUpperCase());
    case 'IP':
      return defined(probe.ip);
    case 'CERTIFICATE_EXPIRATION':
      return defined(
        probe.certificateExpiresAt === undefined ? undefined : probe.certificateExpiresAt - probe.startedAt,
      );
    case 'HEADER': {
      if (probe.headers === undefined) return { found: false, actual: NONE };
      const wanted = operand.header ?? '';
      const name = Object.keys(probe.headers).find((k) => k.toLowerCase() === wanted);
      return name === undefined ? { found: false, actual: MISSING } : { found: true, value: probe.headers[name] ?? '' };
    }
    case 'BODY':
      if (probe.body === undefined) return { found: false, actual: NONE };
      if (operand.path.length === 0) return { found: true, value: probe.body };
      return walkJson(probe, operand.path);
  }
}

function defined(value: string | number | boolean | undefined): Resolved {
  return value === undefined ? { found: false, actual: NONE } : { found: true, value };
}

function walkJson(probe: Probe, path: readonly PathStep[]): Resolved {
  const parsed = parsedBody(probe);
  if (!parsed.ok) return { found: false, actual: NOT_JSON };
  let current: unknown = parsed.value;
  for (const step of path) {
    if ('index' in step) {
      if (!Array.isArray(current) || step.index >= current.length) return { found: false, actual: MISSING };
      current = current[step.index];
    } else {
      if (!isObject(current) || !Object.hasOwn(current, step.key)) return { found: false, actual: MISSING };
      current = current[step.key];
    }
  }
  return { found: true, value: current as Value };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };
/** Several conditions of one probe read the same body: parse it once per probe (and per body text). */
const parsedBodies = new WeakMap<Probe, { body: string; parsed: ParsedBody }>();

function parsedBody(probe: Probe): ParsedBody {
  const body = probe.body ?? '';
  const cached = parsedBodies.get(probe);
  if (cached && cached.body === body) return cached.parsed;
  let parsed: ParsedBody;
  try {
    parsed = { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    parsed = { ok: false };
  }
  parsedBodies.set(probe, { body, parsed });
  return parsed;
}

/** len(): characters of text, items of an array, keys of an object, characters of a scalar's text. */
function lengthOf(value: Value): number {
  if (Array.isArray(value)) return value.length;
  if (isObject(value)) return Object.keys(value).length;
  return [...valueText(value)].length;
}

/** The text a value compares as (and is reported as): strings as they are, anything else as JSON. */
export function valueText(value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}

const NUMBER = /^\s*-?\d+(\.\d+)?(e[+-]?\d+)?\s*$/i;

/** The value as a number when it is one (or is text that spells one), else undefined. */
export function numericValue(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMBER.test(value)) return Number(value);
  return undefined;
}
