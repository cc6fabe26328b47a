import { Gauge, type Registry } from 'prom-client';

/** What the public side holds at scrape time. */
export interface PublicSideView {
  streams: { readonly size: number };
  snapshot: { readonly lastBuildMs: number; readonly builtAt: number };
}

/** Live viewers (SSE) and the public snapshot's last rebuild, read at scrape time. */
export function registerPublicSideMetrics(
  register: Registry,
  view: () => PublicSideView | undefined,
  now: () => number,
): void {
  const registers = [register];
  new Gauge({
    name: 'pharos_sse_clients',
    help: 'Open live-update streams (Server-Sent Events) of public pages.',
    registers,
    collect() {
      this.set(view()?.streams.size ?? 0);
    },
  });
  new Gauge({
    name: 'pharos_snapshot_rebuild_seconds',
    help: 'How long the last rebuild of the public pages snapshot took.',
    registers,
    collect() {
      this.set((view()?.snapshot.lastBuildMs ?? 0) / 1000);
    },
  });
  new Gauge({
    name: 'pharos_snapshot_age_seconds',
    help: 'Time since the public pages snapshot was last rebuilt successfully (0 before the first).',
    registers,
    collect() {
      const builtAt = view()?.snapshot.builtAt ?? 0;
      this.set(builtAt === 0 ? 0 : Math.max(0, now() - builtAt) / 1000);
    },
  });
}
