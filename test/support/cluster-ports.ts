import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/**
 * TCP ports for servers a test stops and starts again on the same port (its own PostgreSQL, Redis, Pharos
 * processes). A port from `listen(0)` comes from the kernel's ephemeral range, which the kernel hands out again to
 * any other socket (another test's server, an outgoing connection) while ours is stopped. These come from a
 * range below it, picked at random, so that nothing else on the machine takes them in the meantime.
 */
const RANGE = { from: 20_000, to: 29_999 };
const ATTEMPTS = 100;

export async function pickStablePort(): Promise<number> {
  const ephemeral = await ephemeralRange();
  for (let i = 0; i < ATTEMPTS; i++) {
    const port = RANGE.from + Math.floor(Math.random() * (RANGE.to - RANGE.from + 1));
    if (port >= ephemeral.from && port <= ephemeral.to) continue;
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port in ${RANGE.from}-${RANGE.to} after ${ATTEMPTS} tries`);
}

/** Can we listen on 127.0.0.1:port right now? */
export function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

async function ephemeralRange(): Promise<{ from: number; to: number }> {
  const text = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
  const [from, to] = text.trim().split(/\s+/).map(Number);
  return { from: from ?? 32_768, to: to ?? 60_999 };
}
