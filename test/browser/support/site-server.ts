import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StatusModel } from '../../../src/http/public/status-model.ts';
import { webAssetByPath } from '../../../src/web/assets/index.ts';
import { ETAG_PLACEHOLDER } from '../../../src/web/pages/document-shell.ts';
import { renderHistoryPage } from '../../../src/web/pages/history-page.ts';
import { monthOf } from '../../../src/web/pages/history-month.ts';
import { renderIncidentPage } from '../../../src/web/pages/incident-page.ts';
import { renderMaintenancePage } from '../../../src/web/pages/maintenance-page.ts';
import { renderStatusPage } from '../../../src/web/pages/status-page.ts';

/**
 * A stand-in for the public app in browser tests: serves a model's pages and the assets from memory, fills
 * the ETag placeholder as the snapshot does, and keeps an SSE stream whose clients hear `publish()`.
 */
export interface SiteServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** origin + basePath: the status page */
  url: string;
  /** serve another model (and ETag) from now on; nothing is announced until publish() */
  setModel(model: StatusModel, etag: string): void;
  /** send `data: <json>` to every open stream */
  publish(data: unknown): void;
  streamClients(): number;
  close(): Promise<void>;
}

function route(model: StatusModel, path: string, search: URLSearchParams): string | undefined {
  if (path === '' || path === '/') return renderStatusPage(model);
  if (path === '/history') return renderHistoryPage(model, search.get('month') ?? monthOf(model.builtAt));
  const incident = /^\/incidents\/([^/]+)$/.exec(path);
  if (incident) return renderIncidentPage(model, decodeURIComponent(incident[1]!));
  const maintenance = /^\/maintenance\/([^/]+)$/.exec(path);
  if (maintenance) return renderMaintenancePage(model, decodeURIComponent(maintenance[1]!));
  return undefined;
}

export async function startSiteServer(initial: StatusModel, initialEtag = 'etag-1'): Promise<SiteServer> {
  let model = initial;
  let etag = initialEtag;
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const asset = webAssetByPath(url.pathname);
    if (asset) {
      res
        .writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=31536000, immutable' })
        .end(asset.body);
      return;
    }
    const base = model.page.basePath;
    const path = base && url.pathname.startsWith(base) ? url.pathname.slice(base.length) : base ? '\0' : url.pathname;
    if (path === '/api/v2/stream') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const html = route(model, path, url.searchParams);
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(html.replace(ETAG_PLACEHOLDER, etag));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}${initial.page.basePath || '/'}`,
    setModel(next, nextEtag) {
      model = next;
      etag = nextEtag;
    },
    publish(data) {
      for (const res of streams) res.write(`data: ${JSON.stringify(data)}\n\n`);
    },
    streamClients: () => streams.size,
    async close() {
      for (const res of streams) res.end();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
