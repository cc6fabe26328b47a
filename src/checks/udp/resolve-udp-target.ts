import net from 'node:net';
import { deniedLiteralHost, guardedLookup } from '../../egress/guarded-lookup.ts';
import { EgressDeniedError } from '../../egress/egress-denied-error.ts';
import type { EgressGuard } from '../../egress/egress-policy.ts';

export interface UdpAddress {
  address: string;
  family: 4 | 6;
}

/**
 * The address to send to, judged by the egress policy before anything is sent: a literal IP is checked as it is, a
 * name is resolved by the guarded lookup (every address judged) and the datagram goes to the address it returned.
 */
export function resolveUdpTarget(guard: EgressGuard, host: string): Promise<UdpAddress> {
  const literal = host.replace(/^\[(.*)\]$/, '$1');
  const denial = deniedLiteralHost(guard, literal);
  if (denial) return Promise.reject(new EgressDeniedError(denial));
  const family = net.isIP(literal);
  if (family === 4 || family === 6) return Promise.resolve({ address: literal, family });
  return new Promise((resolve, reject) => {
    guardedLookup(guard)(host, {}, (err, address, resolvedFamily) => {
      if (err) return reject(err);
      if (typeof address !== 'string') return reject(new Error(`getaddrinfo returned no address for ${host}`));
      resolve({ address, family: resolvedFamily === 6 ? 6 : 4 });
    });
  });
}
