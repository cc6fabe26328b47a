import { BlockList } from 'node:net';
import { parseCidr } from '../egress/cidr-list.ts';
import { parseIpAddress } from '../egress/ip-address.ts';
import type { TrustProxy } from '../config/schema.ts';

/**
 * Whether the address at `hop` of a request's path is a proxy Pharos trusts: hop 0 is the connection's address,
 * hop 1 the right-most X-Forwarded-For entry, and so on leftwards.
 */
export type TrustsProxy = (address: string, hop: number) => boolean;

/**
 * The one rule for a request's client address, given to fastify as `trustProxy` so that `request.ip` (and every limit,
 * lockout, allow-list and audit entry that reads it) is the right-most address of [X-Forwarded-For…, connection] that
 * is not a trusted proxy. Entries left of it were written by the client and prove nothing.
 */
export function trustsProxy(setting: TrustProxy): TrustsProxy {
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  const list = new BlockList();
  for (const text of setting) {
    const cidr = parseCidr(text);
    if (!cidr) throw new TypeError(`not an address or CIDR: "${text}"`);
    list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return (address) => {
    const ip = parseIpAddress(address);
    if (!ip) return false;
    // a dual-stack socket shows IPv4 peers as ::ffff:a.b.c.d; other embeddings are no connection from that IPv4 address
    return list.check(ip.address, ip.family) || (ip.embedded?.via === 'mapped' && list.check(ip.embedded.ipv4, 'ipv4'));
  };
}
