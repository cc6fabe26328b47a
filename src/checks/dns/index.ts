import { randomInt } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import dnsPacket, { type DecodedPacket } from 'dns-packet';
import type { Probe } from '../../domain/probe.ts';
import { assertAddressAllowed } from '../../egress/guarded-lookup.ts';
import type { CheckTarget, CheckType } from '../check-type.ts';
import { failureMessage } from '../failure-message.ts';
import { answerText } from './answer-text.ts';
import { tcpExchange, udpExchange, type DnsServer } from './dns-exchange.ts';
import { parseResolverAddress, systemResolverAddress, type ResolverAddress } from './resolver-address.ts';
import { DNS_RECORD_TYPES, dnsCheckFields, type DnsCheckConfig } from './schema.ts';

/** dns-packet decodes the response code too; its typings leave it out. */
type DecodedResponse = DecodedPacket & { rcode?: string };

/**
 * One DNS query to a resolver over UDP (again over TCP when the answer is truncated). Any response is a
 * success at this level, NXDOMAIN included (conditions judge [DNS_RCODE]); no response is an error.
 */
export const dnsCheck: CheckType<'dns', typeof dnsCheckFields> = {
  kind: 'dns',
  fields: dnsCheckFields,
  example: { type: 'dns', query: 'example.com', resolver: '1.1.1.1' },
  defaultConditions: ['[DNS_RCODE] == NOERROR'],
  placeholders: ['DNS_RCODE', 'IP', 'RESPONSE_TIME', 'CONNECTED'],
  measuresLatency: true,
  runsOnCheckThread: true,
  target: (config) => resolverTarget(config.resolver),
  publicTarget: (config) => `${config.record_type} ${config.query}`,
  secretTarget: (config) => config.resolver ?? '',
  form: [
    { path: 'query', label: 'Name to resolve', input: 'text', required: true },
    { path: 'record_type', label: 'Record type', input: 'select', options: DNS_RECORD_TYPES, initial: 'A' },
    { path: 'resolver', label: 'Resolver', input: 'text', hint: 'host or host:port; empty: the system resolver' },
  ],
  async run(config, ctx) {
    const startedAt = ctx.now();
    const began = performance.now();
    const elapsed = () => Math.round(performance.now() - began);
    let resolver: ResolverAddress | undefined;
    try {
      resolver = config.resolver === undefined ? await systemResolverAddress() : parseResolverAddress(config.resolver);
      const server = await serverAddress(resolver, ctx.signal);
      // The system resolver is the host's own (often 127.0.0.53, or 169.254.169.253 on AWS): only a chosen one is judged.
      if (config.resolver !== undefined) assertAddressAllowed(ctx.egress, server.ip);
      const { response, transport } = await query(config, server, ctx.signal);
      const answers = response.answers ?? [];
      const firstAddress = answers.find((answer) => answer.type === 'A' || answer.type === 'AAAA');
      return {
        startedAt,
        responseTimeMs: elapsed(),
        connected: true,
        dnsRcode: response.rcode,
        dnsAnswers: answers.map(answerText).filter((text): text is string => text !== undefined),
        ip: firstAddress && answerText(firstAddress),
        details: { resolver: formatResolver(resolver), transport },
      } satisfies Probe;
    } catch (err) {
      const details = resolver ? { resolver: formatResolver(resolver) } : undefined;
      return { startedAt, responseTimeMs: elapsed(), connected: false, error: failureMessage(err, ctx), details };
    }
  },
};

/**
 * A chosen resolver is judged by the egress policy and limited per host; the system resolver is the host's own (not
 * judged) and all its queries share one limit. A bad port judges nothing: the check fails without connecting.
 */
function resolverTarget(resolver: string | undefined): CheckTarget {
  if (resolver === undefined) return { limitKey: 'system-resolver', field: 'resolver' };
  try {
    const { host } = parseResolverAddress(resolver);
    return { host, limitKey: host.toLowerCase(), field: 'resolver' };
  } catch {
    return { limitKey: resolver.toLowerCase(), field: 'resolver' };
  }
}

async function query(
  config: DnsCheckConfig,
  server: DnsServer,
  signal: AbortSignal,
): Promise<{ response: DecodedResponse; transport: 'udp' | 'tcp' }> {
  const id = randomInt(0, 65536);
  const packet = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: config.record_type, name: config.query, class: 'IN' }],
  });
  const udp = decode(await udpExchange(server, packet, signal), id);
  if (!udp.flag_tc) return { response: udp, transport: 'udp' };
  return { response: decode(await tcpExchange(server, packet, signal), id), transport: 'tcp' };
}

function decode(message: Buffer, id: number): DecodedResponse {
  let response: DecodedResponse;
  try {
    response = dnsPacket.decode(message);
  } catch (err) {
    throw new Error(`malformed DNS response: ${(err as Error).message}`, { cause: err });
  }
  if (response.id !== id) throw new Error('DNS response id does not match the query');
  return response;
}

/** A resolver given by name is looked up on each check; a lookup cannot be cancelled, so it is raced with the signal. */
async function serverAddress(resolver: ResolverAddress, signal: AbortSignal): Promise<DnsServer> {
  if (net.isIP(resolver.host)) return { ip: resolver.host, port: resolver.port };
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const { address } = await Promise.race([lookup(resolver.host), aborted]);
    return { ip: address, port: resolver.port };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function formatResolver({ host, port }: ResolverAddress): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
