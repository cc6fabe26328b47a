import net from 'node:net';

/** How an IPv6 address carries an IPv4 one that a connection to it may end up reaching. */
export const IPV4_EMBEDDINGS = ['mapped', 'translated', 'nat64', '6to4', 'compatible'] as const;
export type Ipv4Embedding = (typeof IPV4_EMBEDDINGS)[number];

export interface IpAddress {
  /** The address without brackets or zone id, as given otherwise. */
  address: string;
  family: 'ipv4' | 'ipv6';
  /** The IPv4 address inside an IPv6 one (::ffff:169.254.169.254, 64:ff9b::a9fe:a9fe, …). */
  embedded?: { ipv4: string; via: Ipv4Embedding };
}

/** Parses "1.2.3.4", "::1", "[::1]", "fe80::1%eth0"; undefined when the text is not an IP address. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const address = text
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  const version = net.isIP(address);
  if (version === 4) return { address, family: 'ipv4' };
  if (version !== 6) return undefined;
  const embedded = embeddedIpv4(ipv6Words(address));
  return embedded ? { address, family: 'ipv6', embedded } : { address, family: 'ipv6' };
}

/** The eight 16-bit groups of a valid IPv6 address (also with a dotted IPv4 tail). */
export function ipv6Words(address: string): number[] {
  let text = address;
  const v4Tail: number[] = [];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    v4Tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, dotted.index);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const [headText, tailText] = text.split('::') as [string, string | undefined];
  const head = groups(headText);
  const tail = [...groups(tailText ?? ''), ...v4Tail];
  const zeros = tailText === undefined ? 0 : 8 - head.length - tail.length;
  return [...head, ...new Array<number>(zeros).fill(0), ...tail];
}

function embeddedIpv4(w: number[]): IpAddress['embedded'] {
  const prefix = (n: number) => w.slice(0, n);
  const allZero = (words: number[]) => words.every((x) => x === 0);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const last = v4(w[6] ?? 0, w[7] ?? 0);
  if (allZero(prefix(5)) && w[5] === 0xffff) return { ipv4: last, via: 'mapped' };
  if (allZero(prefix(4)) && w[4] === 0xffff && w[5] === 0) return { ipv4: last, via: 'translated' };
  if (w[0] === 0x64 && w[1] === 0xff9b && allZero(w.slice(2, 6))) return { ipv4: last, via: 'nat64' };
  if (w[0] === 0x2002) return { ipv4: v4(w[1] ?? 0, w[2] ?? 0), via: '6to4' };
  // ::a.b.c.d (deprecated "IPv4-compatible"); :: and ::1 are themselves, not embeddings.
  if (allZero(prefix(6)) && (w[6] !== 0 || (w[7] ?? 0) > 1)) return { ipv4: last, via: 'compatible' };
  return undefined;
}
