import { ETAG_PLACEHOLDER } from '../../web/pages/document-shell.ts';
import { BoundedCache } from './bounded-cache.ts';
import type { PublicRenderers } from './public-renderers.ts';
import { contentToken, renderAsset, type RenderedAsset } from './rendered-asset.ts';
import { StatuspageAssets } from './statuspage-assets.ts';
import { UPTIME_PERIODS, type StatusModel, type UptimePeriod } from './status-model.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const SVG_TYPE = 'image/svg+xml; charset=utf-8';

/**
 * One page's bytes for one model. The HTML is rendered up front (its ETag is the stream's token: what tells browsers
 * that something changed); the Statuspage JSON, permalinks, history months, feeds and badges on first request, kept
 * until the next snapshot replaces this one.
 */
export class PageSnapshot {
  readonly json: StatuspageAssets;
  readonly html: RenderedAsset;
  /** The stream's token: the unquoted ETag of the status page in the page's default language (every language's page carries it). */
  readonly token: string;
  private readonly lazy = new BoundedCache<string, RenderedAsset | undefined>(256);
  /** the page in its other languages, rendered on first request and kept until the next snapshot */
  private readonly variants = new Map<string, PageSnapshot>();

  constructor(
    readonly mountKey: string,
    readonly model: StatusModel,
    private readonly renderers: PublicRenderers,
    /** set for another language's variant: the default language's token and (language-free) Statuspage JSON */
    shared?: { token: string; json: StatuspageAssets },
  ) {
    const page = renderers.statusPage(model);
    if (shared) {
      this.json = shared.json;
      this.token = shared.token;
    } else {
      this.json = new StatuspageAssets(renderers.statuspage, model, (json) => this.asset(json, JSON_TYPE));
      // The page's own ETag goes inside it so that the browser script can tell whether a stream event is news to it.
      const staleSince = model.stale === undefined ? undefined : new Date(model.stale.since).toISOString();
      this.token = contentToken(page, staleSince);
    }
    this.html = this.asset(page.replace(ETAG_PLACEHOLDER, this.token), HTML_TYPE);
  }

  /** The language this snapshot is rendered in. */
  get locale(): string {
    return this.model.page.locale ?? 'en';
  }

  /** This page in one of its allowed languages (itself for its own language or one the page does not allow). */
  localized(locale: string): PageSnapshot {
    if (locale === this.locale || !this.model.page.languages?.allowed.includes(locale)) return this;
    let variant = this.variants.get(locale);
    if (!variant) {
      const model = { ...this.model, page: { ...this.model.page, locale } };
      variant = new PageSnapshot(this.mountKey, model, this.renderers, { token: this.token, json: this.json });
      this.variants.set(locale, variant);
    }
    return variant;
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
