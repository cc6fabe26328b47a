import type { Bus } from '../../bus/bus.ts';
import type { Logger } from '../../runtime/logger.ts';
import { renderAsset, type RenderedAsset } from './rendered-asset.ts';
import { renderBarePage } from './render-bare-page.ts';
import type { StatusModel } from './status-model.ts';
import { renderSummary } from './statuspage/render-summary.ts';

export interface SnapshotAssets {
  summaryJson: RenderedAsset;
  pageHtml: RenderedAsset;
}

export interface SnapshotOptions {
  load: () => Promise<StatusModel>;
  bus: Bus;
  logger: Logger;
  /** coalesce bursts of events into one rebuild */
  debounceMs?: number;
  /** rebuild at least this often, so that time-driven states (maintenance windows) move */
  refreshMs?: number;
}

/**
 * The public side's in-memory copy of the status: rebuilt when an event says something changed, served as bytes.
 * A request never runs a query. If a rebuild fails, the last good snapshot keeps being served.
 */
export class StatusSnapshot {
  assets: SnapshotAssets | undefined;
  model: StatusModel | undefined;
  lastError: unknown;
  private timer: NodeJS.Timeout | undefined;
  private refresher: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private building: Promise<void> | undefined;
  private again = false;

  constructor(private readonly opts: SnapshotOptions) {}

  async start(): Promise<void> {
    await this.rebuild();
    this.unsubscribe = this.opts.bus.subscribe((event) => {
      if (event.type !== 'results.flushed') this.schedule();
    });
    this.refresher = setInterval(() => this.schedule(), this.opts.refreshMs ?? 30_000);
    this.refresher.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.refresher) clearInterval(this.refresher);
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rebuild();
    }, this.opts.debounceMs ?? 50);
  }

  async rebuild(): Promise<void> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = this.build();
    try {
      await this.building;
    } finally {
      this.building = undefined;
    }
    if (this.again) {
      this.again = false;
      await this.rebuild();
    }
  }

  private async build(): Promise<void> {
    try {
      const model = await this.opts.load();
      this.assets = {
        summaryJson: renderAsset(JSON.stringify(renderSummary(model)), 'application/json; charset=utf-8'),
        pageHtml: renderAsset(renderBarePage(model), 'text/html; charset=utf-8'),
      };
      this.model = model;
      this.lastError = undefined;
    } catch (err) {
      this.lastError = err;
      this.opts.logger.error({ component: 'snapshot', err }, 'rebuilding the public snapshot failed; serving the previous one');
    }
  }
}
