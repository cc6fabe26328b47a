import type { z } from 'zod';
import type { Probe } from '../domain/probe.ts';
import type { CheckContext, CheckFields, CheckTarget, CheckType } from './check-type.ts';
import { dnsCheck } from './dns/index.ts';
import { httpCheck } from './http/index.ts';
import { pushCheck } from './push/index.ts';
import { tcpCheck } from './tcp/index.ts';
import { tlsCheck } from './tls/index.ts';
import { udpCheck } from './udp/index.ts';

/**
 * Every check type, one line each: the kinds are this object's keys (config schema, admin form, public page and
 * scheduler all follow from it). The compiler checks each entry against the interface and its key against its kind.
 */
export const checkTypes = {
  http: httpCheck,
  tcp: tcpCheck,
  dns: dnsCheck,
  tls: tlsCheck,
  push: pushCheck,
  udp: udpCheck,
} satisfies Record<string, CheckType>;

export type CheckTypes = typeof checkTypes;
export type CheckKind = keyof CheckTypes;
/** A check kind's own config fields (parsed). */
export type CheckConfigOf<K extends CheckKind> = z.infer<CheckTypes[K]['fields']>;

/** The registry seen per kind: each entry's methods take that kind's config; its key, kind and `type` literal agree. */
type CheckTypeByKind = { [K in CheckKind]: CheckType<K, CheckTypes[K]['fields']> & { fields: CheckFields<K> } };
const byKind: CheckTypeByKind = checkTypes;

/** The kinds, in registry order (the admin form's choice, the JSON Schema's variants). */
export const CHECK_KINDS = Object.keys(checkTypes) as CheckKind[];

export function isCheckKind(kind: string): kind is CheckKind {
  return Object.hasOwn(checkTypes, kind);
}

/** A config's check type with the methods that take a config bound to it. */
export interface BoundCheck {
  checkType: CheckType;
  target(): CheckTarget | undefined;
  publicTarget(): string | null;
  secretTarget(path: readonly string[]): string;
  run(ctx: CheckContext): Promise<Probe | null>;
}

/**
 * A config's check type, bound to it: through a union TypeScript cannot tell that `checkTypes[c.type]` takes `c`, but
 * per kind it can, so callers come here instead of casting. Extra fields (the common monitor ones) pass through.
 */
export function checkFor<K extends CheckKind>(config: CheckConfigOf<K> & { type: K }): BoundCheck {
  const checkType = byKind[config.type];
  return {
    checkType,
    target: () => checkType.target(config),
    publicTarget: () => checkType.publicTarget(config),
    secretTarget: (path) => checkType.secretTarget(config, path),
    run: (ctx) => checkType.run(config, ctx),
  };
}
