import type { ServerResponse } from 'node:http';
import type { PageSnapshot } from './page-snapshot.ts';

interface Client {
  res: ServerResponse;
  mountKey: string;
}

/**
 * Server-Sent Events to open pages: each change of a page's snapshot sends `{"etag": …}` to that page's viewers,
 * who then fetch the new bytes. A comment every 25 s keeps proxies from closing idle streams.
 */
export class StreamHub {
  private readonly clients = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly maxClients = 10_000) {
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), 25_000);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** false when full: the caller answers 503 */
  add(res: ServerResponse, mountKey: string, current: PageSnapshot | undefined): boolean {
    if (this.clients.size >= this.maxClients) return false;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'access-control-allow-origin': '*',
    });
    const client: Client = { res, mountKey };
    this.clients.add(client);
    res.write(`retry: 2000\n${current ? `data: ${JSON.stringify({ etag: current.token })}\n` : ''}\n`);
    res.on('close', () => this.clients.delete(client));
    return true;
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
  }

  private broadcast(text: string): void {
    for (const c of this.clients) c.res.write(text);
  }
}
