import { ETAG_PLACEHOLDER } from '../../web/pages/document-shell.ts';
import { BoundedCache } from './bounded-cache.ts';
import type { PublicRenderers } from './public-renderers.ts';
import { renderAsset, type RenderedAsset } from './rendered-asset.ts';
import { UPTIME_PERIODS, type StatusModel, type UptimePeriod } from './status-model.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const SVG_TYPE = 'image/svg+xml; charset=utf-8';

/**
 * One page's bytes for one model. The status JSON and HTML are rendered up front (they are what changes and what
 * is asked most); permalinks, history months, feeds and badges on first request, kept in a bounded cache until the
 * next snapshot replaces this one.
 */
export class PageSnapshot {
  readonly json = new Map<string, RenderedAsset>();
  readonly html: RenderedAsset;
  /** what live pages compare to know they are stale: changes whenever anything shown changes */
  readonly etag: string;
  private readonly lazy = new BoundedCache<string, RenderedAsset | undefined>(256);

  constructor(
    readonly mountKey: string,
    readonly model: StatusModel,
    private readonly renderers: PublicRenderers,
  ) {
    for (const [path, render] of Object.entries(renderers.statuspage))
      this.json.set(path, this.asset(JSON.stringify(render(model)), JSON_TYPE));
    const page = renderers.statusPage(model);
    // The page's own ETag goes inside it so that the browser script can tell whether a stream event is news to it.
    this.etag = this.asset(page, HTML_TYPE).etag;
    this.html = this.asset(page.replace(ETAG_PLACEHOLDER, this.etag.replace(/"/g, '')), HTML_TYPE);
  }

  /** The stream's token: the unquoted ETag of the status page. */
  get token(): string {
    return this.etag.replace(/"/g, '');
  }

  historyPage(month: string): RenderedAsset {
    return this.cached(`history:${month}`, () => this.withEtag(this.renderers.historyPage(this.model, month)))!;
  }

  incidentPage(id: string): RenderedAsset | undefined {
    return this.cached(`incident:${id}`, () => {
      const html = this.renderers.incidentPage(this.model, id);
      return html === undefined ? undefined : this.withEtag(html);
    });
  }

  maintenancePage(id: string): RenderedAsset | undefined {
    return this.cached(`maintenance:${id}`, () => {
      const html = this.renderers.maintenancePage(this.model, id);
      return html === undefined ? undefined : this.withEtag(html);
    });
  }

  feed(kind: 'rss' | 'atom'): RenderedAsset {
    return this.cached(`feed:${kind}`, () =>
      kind === 'rss'
        ? this.asset(this.renderers.rss(this.model), 'application/rss+xml; charset=utf-8')
        : this.asset(this.renderers.atom(this.model), 'application/atom+xml; charset=utf-8'),
    )!;
  }

  badge(componentId: string, kind: string, period: string | undefined): RenderedAsset | undefined {
    const p: UptimePeriod = (UPTIME_PERIODS as readonly string[]).includes(period ?? '')
      ? (period as UptimePeriod)
      : kind === 'uptime'
        ? '30d'
        : '24h';
    if (!this.model.components.some((c) => c.id === componentId)) return undefined;
    return this.cached(`badge:${componentId}:${kind}:${p}`, () => {
      const svg =
        kind === 'status'
          ? this.renderers.statusBadge(this.model, componentId)
          : kind === 'uptime'
            ? this.renderers.uptimeBadge(this.model, componentId, p)
            : kind === 'response-time'
              ? this.renderers.responseTimeBadge(this.model, componentId, p)
              : undefined;
      return svg === undefined ? undefined : this.asset(svg, SVG_TYPE);
    });
  }

  widget(kind: 'script' | 'frame'): RenderedAsset {
    return this.cached(`widget:${kind}`, () =>
      kind === 'script'
        ? this.asset(this.renderers.widgetScript(this.model), 'text/javascript; charset=utf-8')
        : this.asset(this.renderers.widgetFrame(this.model), HTML_TYPE),
    )!;
  }

  private withEtag(html: string): RenderedAsset {
    return this.asset(html.replace(ETAG_PLACEHOLDER, this.token), HTML_TYPE);
  }

  /** Every answer of a stale model carries the stale marker (an `X-Pharos-Stale` header, its own ETag). */
  private asset(text: string, contentType: string): RenderedAsset {
    return renderAsset(text, contentType, { staleSince: this.model.stale?.since });
  }

  private cached(key: string, make: () => RenderedAsset | undefined): RenderedAsset | undefined {
    return this.lazy.getOrCreate(key, make);
  }
}
