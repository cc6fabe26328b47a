import dns, { type LookupAddress } from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { EgressDeniedError } from './egress-denied-error.ts';
import type { EgressDenial, EgressGuard } from './egress-policy.ts';

/**
 * A `dns.lookup` for net/tls/undici connects: resolves every address of the name and refuses the name
 * when any of them is denied. The socket connects to an address this lookup returned, so the address
 * checked is the address connected to; a second, rebound answer is never asked for.
 * Literal IPs never reach a lookup: check them with `deniedLiteralHost` before connecting.
 */
export function guardedLookup(guard: EgressGuard): LookupFunction {
  return (hostname, options, callback) => {
    const literal = net.isIP(hostname) ? guard.check(hostname) : null;
    if (literal) return callback(new EgressDeniedError(literal), '');
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const denial = firstDenial(guard, addresses);
      if (denial) return callback(new EgressDeniedError(denial), '');
      const [first] = addresses;
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
    });
  };
}

/** The denial for a host given as an IP literal ("1.2.3.4", "::1", "[::1]"); null for a name (its lookup is guarded). */
export function deniedLiteralHost(guard: EgressGuard, host: string): EgressDenial | null {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return net.isIP(bare) ? guard.check(bare) : null;
}

/** Throws EgressDeniedError when the address (an IP) is denied. */
export function assertAddressAllowed(guard: EgressGuard, address: string): void {
  const denial = guard.check(address);
  if (denial) throw new EgressDeniedError(denial);
}

export type LookupAll = (hostname: string) => Promise<LookupAddress[]>;

const lookupAll: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true });

/**
 * Validates a target when it is created through the API: resolves it now and throws EgressDeniedError
 * when the literal or any resolved address is denied. A name that does not resolve passes (the check
 * will report that); the guarded lookup still judges whatever it resolves to later.
 */
export async function assertHostAllowed(guard: EgressGuard, host: string, resolve: LookupAll = lookupAll): Promise<void> {
  const literal = deniedLiteralHost(guard, host);
  if (literal) throw new EgressDeniedError(literal);
  if (net.isIP(host.replace(/^\[(.*)\]$/, '$1'))) return;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return;
  }
  const denial = firstDenial(guard, addresses);
  if (denial) throw new EgressDeniedError(denial);
}

function firstDenial(guard: EgressGuard, addresses: readonly LookupAddress[]): EgressDenial | null {
  for (const { address } of addresses) {
    const denial = guard.check(address);
    if (denial) return denial;
  }
  return null;
}
