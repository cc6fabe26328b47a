import { Counter, Gauge, type Registry } from 'prom-client';

/** What a process knows of the monitors it shares, at scrape time. */
export interface LeaseView {
  /** lease rounds that failed since start (0 where no lease rounds run: SQLite, a web replica) */
  roundFailures(): number;
  /** monitors in the catalog, whoever checks them */
  monitorsTotal(): number;
}

/**
 * Lease rounds and coverage: with pharos_monitors_owned (check-metrics.ts) summed over the workers, a sum below
 * pharos_catalog_monitors means monitors nobody checks. The lease manager keeps its own counts; these read them.
 */
export function registerLeaseMetrics(register: Registry, view: () => LeaseView | undefined): void {
  const registers = [register];
  new Counter({
    name: 'pharos_lease_round_failures_total',
    help: 'Lease rounds (heartbeat, renew, release, claim) that failed; a worker whose rounds keep failing is not ready.',
    registers,
    collect() {
      this.reset();
      this.inc(view()?.roundFailures() ?? 0);
    },
  });
  new Gauge({
    name: 'pharos_catalog_monitors',
    help: 'Monitors in the catalog, checked by this process or another worker (pharos_monitors_owned summed over the workers should equal it).',
    registers,
    collect() {
      this.set(view()?.monitorsTotal() ?? 0);
    },
  });
}
