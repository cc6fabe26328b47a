import type { ServerResponse } from 'node:http';
import type { PageSnapshot } from './page-snapshot.ts';

interface Client {
  res: ServerResponse;
  mountKey: string;
  address: string;
}

export interface StreamHubLimits {
  /** streams open at once, across all clients */
  maxClients: number;
  /** streams one client address may hold open at once */
  perClient: number;
}

export interface StreamOptions {
  /** the client's address (request.ip): a cap per address keeps one client from taking every slot */
  address: string;
  /** a public page's stream may be read by any site's script; a private page's never */
  cors: boolean;
}

/** `open`: the stream is live; `full`: too many streams in all (503); `client_full`: too many for this client (429). */
export type StreamOpening = 'open' | 'full' | 'client_full';

/**
 * Server-Sent Events to open pages: each change of a page's snapshot sends `{"etag": …}` to that page's viewers,
 * who then fetch the new bytes. A comment every 25 s keeps proxies from closing idle streams.
 */
export class StreamHub {
  private readonly clients = new Set<Client>();
  private readonly perAddress = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly limits: StreamHubLimits;

  constructor(limits: Partial<StreamHubLimits> = {}) {
    this.limits = { maxClients: 10_000, perClient: 20, ...limits };
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), 25_000);
    this.heartbeat.unref();
  }

  get perClient(): number {
    return this.limits.perClient;
  }

  get size(): number {
    return this.clients.size;
  }

  /** Opens the stream on `res`, or says why not (the caller answers; nothing is written then). */
  add(res: ServerResponse, mountKey: string, current: PageSnapshot | undefined, opts: StreamOptions): StreamOpening {
    if (this.clients.size >= this.limits.maxClients) return 'full';
    const held = this.perAddress.get(opts.address) ?? 0;
    if (held >= this.limits.perClient) return 'client_full';
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...(opts.cors ? { 'access-control-allow-origin': '*' } : {}),
    });
    const client: Client = { res, mountKey, address: opts.address };
    this.clients.add(client);
    this.perAddress.set(opts.address, held + 1);
    res.write(`retry: 2000\n${current ? `data: ${JSON.stringify({ etag: current.token })}\n` : ''}\n`);
    res.on('close', () => this.#remove(client));
    return 'open';
  }

  publish(changed: readonly PageSnapshot[]): void {
    const byKey = new Map(changed.map((p) => [p.mountKey, `data: ${JSON.stringify({ etag: p.token })}\n\n`]));
    for (const c of this.clients) {
      const message = byKey.get(c.mountKey);
      if (message) c.res.write(message);
    }
  }

  /** On shutdown: tell browsers to come back in a few seconds (to another replica) and close. */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.res.end('retry: 3000\n\n');
    this.clients.clear();
    this.perAddress.clear();
  }

  #remove(client: Client): void {
    if (!this.clients.delete(client)) return;
    const held = (this.perAddress.get(client.address) ?? 1) - 1;
    if (held > 0) this.perAddress.set(client.address, held);
    else this.perAddress.delete(client.address);
  }

  private broadcast(text: string): void {
    for (const c of this.clients) c.res.write(text);
  }
}
