import type { PushRecord } from '../checks/check-type.ts';

/**
 * The last push of each push monitor this worker checks, by monitor id, and the token lookup. The store keeps every
 * monitor's last push (`store.shared`, written by whichever replica received it); a worker reads it in (`load`) when
 * it starts or takes monitors over, so that it judges a monitor from its real last push, not from the move.
 */
export class PushInbox {
  private readonly last = new Map<string, PushRecord>();
  private readonly byToken = new Map<string, string>();

  setTokens(tokens: Iterable<[token: string, monitorId: string]>): void {
    this.byToken.clear();
    for (const [token, id] of tokens) this.byToken.set(token, id);
  }

  monitorForToken(token: string): string | undefined {
    return this.byToken.get(token);
  }

  record(monitorId: string, push: PushRecord): void {
    this.last.set(monitorId, push);
  }

  /** Pushes read from the store: each kept unless a newer one arrived meanwhile. Returns the monitors whose push changed. */
  load(pushes: ReadonlyMap<string, PushRecord>): string[] {
    const changed: string[] = [];
    for (const [id, push] of pushes) {
      const had = this.last.get(id);
      if (had && had.receivedAt >= push.receivedAt) continue;
      this.last.set(id, push);
      changed.push(id);
    }
    return changed;
  }

  lastPush(monitorId: string): PushRecord | undefined {
    return this.last.get(monitorId);
  }
}
