import { Agent } from 'undici';
import type { EgressGuard } from '../../egress/egress-policy.ts';
import { tracingConnector, type ConnectionFacts } from './tracing-connector.ts';

/**
 * Connections shared by every keep_alive monitor in the process, one agent per egress guard and TLS
 * verification mode (a connection one guard allowed must never carry a request another guard would refuse).
 * A request may ride a connection another check opened, so its connection facts are the latest known for
 * its origin (the IP and certificate are what matter; the connect timings describe that earlier connect).
 */
const agents = new Map<EgressGuard, Map<boolean, Agent>>();
const latestByOrigin = new Map<string, ConnectionFacts>();

const SHARED_CONNECT_TIMEOUT_MS = 30_000;

export function keepAliveAgent(verifyTls: boolean, egress: EgressGuard): Agent {
  let byTls = agents.get(egress);
  if (!byTls) {
    byTls = new Map();
    agents.set(egress, byTls);
  }
  let agent = byTls.get(verifyTls);
  if (!agent) {
    agent = new Agent({
      connect: tracingConnector({
        verifyTls,
        egress,
        connectTimeoutMs: SHARED_CONNECT_TIMEOUT_MS,
        onConnected: (facts, origin) => latestByOrigin.set(origin, facts),
      }),
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    byTls.set(verifyTls, agent);
  }
  return agent;
}

export function latestConnectionFacts(origin: string): ConnectionFacts | undefined {
  return latestByOrigin.get(origin);
}

/** Close the shared connections (at shutdown, and in tests so that the process can exit). */
export async function closeKeepAliveAgents(): Promise<void> {
  const closing = [...agents.values()].flatMap((byTls) => [...byTls.values()]).map((agent) => agent.destroy());
  agents.clear();
  latestByOrigin.clear();
  await Promise.all(closing);
}
