import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { EgressDeniedError } from './egress-denied-error.ts';
import type { EgressDenial, EgressGuard } from './egress-policy.ts';

/** Every address of a name (dns.lookup with `all`); injectable so that tests can play a rebinding resolver. */
export type LookupAll = (
  hostname: string,
  options?: Pick<LookupOptions, 'family' | 'hints'>,
) => Promise<LookupAddress[]>;

const lookupAll: LookupAll = (hostname, options) => dns.promises.lookup(hostname, { ...options, all: true });

/**
 * A `dns.lookup` for net/tls/undici connects: resolves every address of the name and refuses the name
 * when any of them is denied. The socket connects to an address this lookup returned, so the address
 * checked is the address connected to; a second, rebound answer is never asked for.
 * Literal IPs never reach a lookup: check them with `deniedLiteralHost` before connecting.
 */
export function guardedLookup(guard: EgressGuard, resolve: LookupAll = lookupAll): LookupFunction {
  return (hostname, options, callback) => {
    const literal = net.isIP(hostname) ? guard.check(hostname) : null;
    if (literal) return callback(new EgressDeniedError(literal), '');
    resolve(hostname, { family: options.family, hints: options.hints }).then(
      (addresses) => {
        const denial = firstDenial(guard, addresses);
        if (denial) return callback(new EgressDeniedError(denial), '');
        const [first] = addresses;
        if (options.all) callback(null, addresses);
        else if (first) callback(null, first.address, first.family);
        else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
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

/**
 * Validates a target when it is created through the API: resolves it now and throws EgressDeniedError
 * when the literal or any resolved address is denied. A name that does not resolve passes (the check
 * will report that); the guarded lookup still judges whatever it resolves to later.
 */
export async function assertHostAllowed(
  guard: EgressGuard,
  host: string,
  resolve: LookupAll = lookupAll,
): Promise<void> {
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
