export interface ReconnectBackoff {
  /** first retry after about this long, doubling */
  minMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT_BACKOFF: ReconnectBackoff = { minMs: 100, maxMs: 2_000 };

/** Delay before reconnect attempt `attempt` (1, 2, …): doubling from minMs up to maxMs, with up to 20% jitter so replicas do not retry in step. */
export function reconnectDelay(attempt: number, backoff: ReconnectBackoff, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(base * (1 - 0.2 * random()));
}
