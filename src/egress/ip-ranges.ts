import { BlockList } from 'node:net';
import { parseIpAddress, type IpAddress } from './ip-address.ts';

/** What an address reaches, as far as the egress policy cares. */
export const ADDRESS_CLASSES = ['metadata', 'loopback', 'private', 'public'] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

export interface AddressClassification {
  addressClass: AddressClass;
  /** Reads after "is": "a cloud metadata address", "a private address", … */
  label: string;
}

interface RangeRow extends AddressClassification {
  cidrs: readonly string[];
}

/** First match wins: the metadata hosts sit inside CGNAT, ULA and link-local ranges listed later. */
const RANGES: readonly RangeRow[] = [
  {
    addressClass: 'metadata',
    label: 'a cloud metadata address',
    // AWS/GCP/Azure/OpenStack IMDS, AWS ECS and EKS Pod Identity, Alibaba, Oracle; AWS IMDS and Pod Identity over IPv6
    cidrs: [
      '169.254.169.254/32',
      '169.254.170.2/32',
      '169.254.170.23/32',
      '100.100.100.200/32',
      '192.0.0.192/32',
      'fd00:ec2::254/128',
      'fd00:ec2::23/128',
    ],
  },
  // Link-local is where metadata services live, whatever the provider picks next.
  {
    addressClass: 'metadata',
    label: 'a link-local address (where cloud metadata services live)',
    cidrs: ['169.254.0.0/16', 'fe80::/10'],
  },
  { addressClass: 'loopback', label: 'a loopback address', cidrs: ['127.0.0.0/8', '::1/128'] },
  { addressClass: 'private', label: 'an unspecified address (this host)', cidrs: ['0.0.0.0/8', '::/128'] },
  {
    addressClass: 'private',
    label: 'a private address',
    cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10'],
  },
  { addressClass: 'private', label: 'a carrier-grade NAT address', cidrs: ['100.64.0.0/10'] },
  { addressClass: 'private', label: 'a multicast address', cidrs: ['224.0.0.0/4', 'ff00::/8'] },
  { addressClass: 'private', label: 'a broadcast address', cidrs: ['255.255.255.255/32'] },
  {
    addressClass: 'private',
    label: 'a reserved address',
    cidrs: [
      '192.0.0.0/24',
      '192.0.2.0/24',
      '192.88.99.0/24',
      '198.18.0.0/15',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '240.0.0.0/4',
      '100::/64',
      '2001:db8::/32',
      '64:ff9b:1::/48',
      '::/96',
    ],
  },
];

const LISTS = RANGES.map((row) => ({ row, list: blockListOf(row.cidrs) }));

const PUBLIC: AddressClassification = { addressClass: 'public', label: 'a public address' };

/** The class of an IP address; an IPv6 address carrying an IPv4 one is judged by the stricter of the two. */
export function classifyAddress(text: string): AddressClassification | undefined {
  const ip = parseIpAddress(text);
  return ip && classifyIp(ip);
}

export function classifyIp(ip: IpAddress): AddressClassification {
  const own = matchRange(ip.address, ip.family);
  if (!ip.embedded) return own;
  const inner = matchRange(ip.embedded.ipv4, 'ipv4');
  return ADDRESS_CLASSES.indexOf(inner.addressClass) < ADDRESS_CLASSES.indexOf(own.addressClass) ? inner : own;
}

function matchRange(address: string, family: IpAddress['family']): AddressClassification {
  const hit = LISTS.find(({ list }) => list.check(address, family));
  return hit ? { addressClass: hit.row.addressClass, label: hit.row.label } : PUBLIC;
}

function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix] = cidr.split('/');
    list.addSubnet(address, Number(prefix), address.includes(':') ? 'ipv6' : 'ipv4');
  }
  return list;
}
