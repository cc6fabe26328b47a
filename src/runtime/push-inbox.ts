import type { PushRecord } from '../checks/check-type.ts';

/** The last push each push monitor received, by monitor id; and token lookup. */
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

  lastPush(monitorId: string): PushRecord | undefined {
    return this.last.get(monitorId);
  }
}
