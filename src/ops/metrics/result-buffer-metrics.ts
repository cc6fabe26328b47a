import { Counter, Gauge, type Registry } from 'prom-client';

/** What the batch writer holds at scrape time (src/runtime/batch-writer.ts). */
export interface ResultBufferView {
  /** results waiting to be committed (many while the store is unreachable) */
  readonly bufferedResults: number;
  /** oldest results dropped because the buffer was full */
  readonly droppedResults: number;
  /** results dropped by the lease fence: checked while another worker held their monitor */
  readonly fencedResults: number;
}

/**
 * The write buffer: how much waits for the store, and what never reached it. The writer keeps its own counts; these
 * series read them at scrape time.
 */
export function registerResultBufferMetrics(register: Registry, view: () => ResultBufferView | undefined): void {
  const registers = [register];
  new Gauge({
    name: 'pharos_results_buffered',
    help: 'Check results waiting in memory to be written to the store.',
    registers,
    collect() {
      this.set(view()?.bufferedResults ?? 0);
    },
  });
  new Counter({
    name: 'pharos_results_dropped_total',
    help: 'Check results never stored, by reason: buffer_full (store unreachable too long), lease_lost (another worker took the monitor over).',
    labelNames: ['reason'],
    registers,
    collect() {
      const v = view();
      this.reset();
      this.inc({ reason: 'buffer_full' }, v?.droppedResults ?? 0);
      this.inc({ reason: 'lease_lost' }, v?.fencedResults ?? 0);
    },
  });
}
