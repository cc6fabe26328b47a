import { egressSchema, type EgressConfig } from '../config/egress-schema.ts';
import { cidrList } from './cidr-list.ts';
import { parseIpAddress } from './ip-address.ts';
import { classifyIp, type AddressClass } from './ip-ranges.ts';

/**
 * Who defined a target: the config file (trusted like the operator), the API (anyone holding a token), or the public
 * (anyone at all: a subscriber's webhook endpoint). `public` targets are always held to the strict rule, whatever the
 * `egress` options say: only public addresses, bar the ranges the operator lists in `subscribers.webhook_allow`.
 */
export const EGRESS_ORIGINS = ['config', 'api', 'public'] as const;
export type EgressOrigin = (typeof EGRESS_ORIGINS)[number];

export interface EgressDenial {
  address: string;
  /** 'invalid' when the text checked was not an IP address at all. */
  addressClass: AddressClass | 'invalid';
  /** e.g. "refused by the egress policy: 169.254.169.254 is a cloud metadata address (egress.deny_metadata)" */
  reason: string;
}

/** Judges one IP address about to be connected to. Never resolves names: callers pass the resolved address. */
export interface EgressGuard {
  readonly origin: EgressOrigin;
  check(address: string): EgressDenial | null;
}

export interface EgressPolicy {
  readonly config: EgressConfig;
  /** The same guard object for the same origin, so that it can key shared connection pools. */
  guardFor(origin: EgressOrigin): EgressGuard;
}

export interface EgressPolicyOptions {
  /** ranges `public` targets may reach although they are not public (`subscribers.webhook_allow`); never metadata */
  publicAllow?: readonly string[];
}

export function createEgressPolicy(config: EgressConfig, opts: EgressPolicyOptions = {}): EgressPolicy {
  const allowed = cidrList(config.allow);
  const guard = (origin: 'config' | 'api'): EgressGuard => ({
    origin,
    check(address) {
      const ip = parseIpAddress(address);
      if (!ip)
        return {
          address,
          addressClass: 'invalid',
          reason: `refused by the egress policy: "${address}" is not an IP address`,
        };
      if (allowed.includes(ip)) return null;
      const { addressClass, label } = classifyIp(ip);
      const denied = (option: string): EgressDenial => ({
        address: ip.address,
        addressClass,
        reason: `refused by the egress policy: ${ip.address} is ${label} (${option})`,
      });
      if (addressClass === 'metadata' && config.deny_metadata) return denied('egress.deny_metadata');
      const local = addressClass === 'metadata' || addressClass === 'loopback' || addressClass === 'private';
      if (local && origin === 'api' && config.deny_private)
        return denied('egress.deny_private, for targets created through the API');
      return null;
    },
  });
  const guards: Record<EgressOrigin, EgressGuard> = {
    config: guard('config'),
    api: guard('api'),
    public: strictGuard(opts.publicAllow ?? []),
  };
  return { config, guardFor: (origin) => guards[origin] };
}

/**
 * The guard for targets the public chose: only public addresses. `egress.allow` and `egress.deny_private` do not
 * apply (they are the operator's choices for the operator's own targets); `allow` exempts other ranges, except cloud
 * metadata and link-local addresses, which are never reachable this way.
 */
function strictGuard(allow: readonly string[]): EgressGuard {
  const allowed = cidrList(allow);
  return {
    origin: 'public',
    check(address) {
      const ip = parseIpAddress(address);
      if (!ip)
        return {
          address,
          addressClass: 'invalid',
          reason: `refused by the egress policy: "${address}" is not an IP address`,
        };
      const { addressClass, label } = classifyIp(ip);
      if (addressClass === 'public' || (addressClass !== 'metadata' && allowed.includes(ip))) return null;
      return {
        address: ip.address,
        addressClass,
        reason: `refused by the egress policy: ${ip.address} is ${label} (targets chosen by the public reach public addresses only)`,
      };
    },
  };
}

let defaultPolicy: EgressPolicy | undefined;

/** The policy of a config without an `egress` section: metadata refused, private ranges allowed. */
export function defaultEgressPolicy(): EgressPolicy {
  defaultPolicy ??= createEgressPolicy(egressSchema.parse({}));
  return defaultPolicy;
}
