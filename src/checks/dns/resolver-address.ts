import { readFile } from 'node:fs/promises';
import net from 'node:net';

export interface ResolverAddress {
  host: string;
  port: number;
}

const DNS_PORT = 53;

/** "1.1.1.1", "1.1.1.1:5353", "dns.example:53", "::1", "[::1]:5353". Throws on a bad port. */
export function parseResolverAddress(text: string): ResolverAddress {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) return { host: bracketed[1] ?? '', port: parsePort(bracketed[2], text) };
  if (net.isIPv6(trimmed)) return { host: trimmed, port: DNS_PORT };
  const colon = trimmed.lastIndexOf(':');
  if (colon === -1) return { host: trimmed, port: DNS_PORT };
  return { host: trimmed.slice(0, colon), port: parsePort(trimmed.slice(colon + 1), text) };
}

function parsePort(port: string | undefined, text: string): number {
  if (port === undefined) return DNS_PORT;
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) throw new Error(`invalid resolver "${text}": bad port`);
  return n;
}

/** The first `nameserver` of a resolv.conf text. */
export function firstNameserver(resolvConf: string): string | undefined {
  for (const line of resolvConf.split('\n')) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

let systemResolver: Promise<ResolverAddress> | undefined;

/** The system's first nameserver from /etc/resolv.conf (read once per process), else 127.0.0.1. */
export function systemResolverAddress(): Promise<ResolverAddress> {
  systemResolver ??= readFile('/etc/resolv.conf', 'utf8')
    .then((text) => firstNameserver(text))
    .catch(() => undefined)
    .then((nameserver) => ({ host: nameserver ?? '127.0.0.1', port: DNS_PORT }));
  return systemResolver;
}
