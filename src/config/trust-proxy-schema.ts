import { z } from 'zod';
import { parseCidr } from '../egress/cidr-list.ts';

/** Most proxy hops anyone puts in front of a web server (CDN, load balancer, ingress, sidecar …). */
const MAX_HOPS = 10;

/**
 * Whose X-Forwarded-For Pharos believes: `false` (nobody: the connection's address is the client), a number of proxy
 * hops in front of Pharos, or the proxies' addresses and CIDR ranges. The client is the right-most address that is not
 * a trusted proxy (src/http/trust-proxy.ts).
 */
export type TrustProxy = false | number | readonly string[];

export const TRUST_PROXY_TRUE_REFUSED =
  '`true` is no longer accepted: it believed the left-most X-Forwarded-For entry, which any client writes itself ' +
  '(so it could pass ip_allow and reset per-address limits). Say what is in front of Pharos instead: the number of ' +
  'proxy hops (e.g. `trust_proxy: 1` behind one load balancer or ingress, 2 behind a CDN and a load balancer) or ' +
  "the proxies' addresses (e.g. `trust_proxy: [10.0.0.0/8, 127.0.0.1]`)";

const EXPECTED = `false, a number of proxy hops from 1 to ${MAX_HOPS}, or a list of proxy addresses/CIDR ranges like [10.0.0.0/8, 127.0.0.1]`;

/**
 * server.trust_proxy. A string is a comma-separated list (so that one environment variable can carry it:
 * `trust_proxy: ${PHAROS_TRUST_PROXY:-false}` with PHAROS_TRUST_PROXY=10.0.0.0/8,fd00::/8, or =1 for one hop).
 */
export const trustProxySchema = z
  .union([z.boolean(), z.number(), z.string(), z.array(z.string())])
  .describe(`believe X-Forwarded-For from: ${EXPECTED}`)
  .transform((value, ctx): TrustProxy => {
    const fail = (message: string) => (ctx.addIssue({ code: 'custom', message }), z.NEVER);
    // a quoted or substituted scalar means what it would mean unquoted
    const given =
      typeof value === 'string' && /^\s*(true|false|\d+)\s*$/.test(value)
        ? (JSON.parse(value.trim()) as boolean | number)
        : value;
    if (given === true) return fail(TRUST_PROXY_TRUE_REFUSED);
    if (given === false) return false;
    if (typeof given === 'number') {
      if (!Number.isInteger(given) || given < 0 || given > MAX_HOPS) return fail(`expected ${EXPECTED}, got ${given}`);
      return given === 0 ? false : given;
    }
    const entries = (typeof given === 'string' ? given.split(',') : given).map((s) => s.trim()).filter((s) => s !== '');
    if (entries.length === 0) return false;
    if (entries.length > 100) return fail('at most 100 proxy addresses');
    const wrong = entries.find((e) => parseCidr(e) === undefined);
    if (wrong !== undefined) return fail(`"${wrong}" is not an IP address or CIDR range (expected ${EXPECTED})`);
    return entries;
  });
