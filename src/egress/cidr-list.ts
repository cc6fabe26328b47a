import { BlockList } from 'node:net';
import { parseIpAddress, type IpAddress } from './ip-address.ts';

export interface Cidr {
  address: string;
  prefix: number;
  family: IpAddress['family'];
}

/** "10.0.0.0/8", "fd00::/8", or a bare address (a /32 or /128). Undefined when it is neither. */
export function parseCidr(text: string): Cidr | undefined {
  const [addressText = '', prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const ip = parseIpAddress(addressText);
  if (!ip || ip.address !== addressText) return undefined;
  const max = ip.family === 'ipv4' ? 32 : 128;
  if (prefixText === undefined) return { address: ip.address, prefix: max, family: ip.family };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { address: ip.address, prefix: Number(prefixText), family: ip.family };
}

export interface CidrList {
  /** Whether the address, or the IPv4 address an IPv6 one carries, lies in one of the ranges. */
  includes(ip: IpAddress): boolean;
}

/** Throws on an entry that is not a CIDR (the config schema refuses those first). */
export function cidrList(cidrs: readonly string[]): CidrList {
  const list = new BlockList();
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (!cidr) throw new TypeError(`not a CIDR: "${text}"`);
    list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return {
    includes: (ip) =>
      list.check(ip.address, ip.family) || (ip.embedded !== undefined && list.check(ip.embedded.ipv4, 'ipv4')),
  };
}
