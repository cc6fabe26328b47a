/**
 * What one HTTP check learnt about its connections, filled in as they happen so that a check that
 * fails half way (TLS error, timeout after connect) can still report how far it got.
 */
export interface ConnectionTrace {
  /** A connection (and its TLS handshake, for https) completed. */
  connected: boolean;
  ip?: string;
  certificateExpiresAt?: number;
  /** Phase durations in ms of the last connection and request. */
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  /** performance.now() when the last connection became ready to carry a request. */
  readyAt?: number;
}

export function newConnectionTrace(): ConnectionTrace {
  return { connected: false };
}

/** The facts a connection yields, copied into a check's trace (redirect hops overwrite earlier ones). */
export function recordConnection(trace: ConnectionTrace, facts: Omit<ConnectionTrace, 'firstByteMs'>): void {
  trace.connected = facts.connected;
  trace.ip = facts.ip;
  trace.certificateExpiresAt = facts.certificateExpiresAt;
  trace.dnsMs = facts.dnsMs;
  trace.connectMs = facts.connectMs;
  trace.tlsMs = facts.tlsMs;
  trace.readyAt = facts.readyAt;
}
