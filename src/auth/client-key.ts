import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key sign-in limits count a client by: its IPv4 address, or the /64 network of an IPv6 address (one host
 * usually holds a whole /64, so counting single IPv6 addresses would hand it 2^64 fresh starts). IPv4-mapped
 * IPv6 addresses count as their IPv4 address; anything else (no address known) is one shared key.
 */
export function clientKey(ip: string | null): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return 'unknown';
  return `${ipv6Groups(ip.replace(/%.*$/, '')).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, as lower-case hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
  const [head = '', tail] = ip.toLowerCase().split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  let groups = [...part(head), ...(tail === undefined ? [] : part(tail))];
  // a trailing dotted IPv4 part is two groups
  const last = groups.at(-1) ?? '';
  if (isIPv4(last)) {
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    groups = [...groups.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  }
  const headGroups = part(head).length;
  const missing = 8 - groups.length;
  const full =
    tail === undefined
      ? groups
      : [...groups.slice(0, headGroups), ...Array<string>(missing).fill('0'), ...groups.slice(headGroups)];
  return full.map((g) => parseInt(g, 16).toString(16));
}
