import { Counter, Gauge, type Registry } from 'prom-client';

/** One static-copy target's account (src/publish/static-publisher.ts), read at scrape time. */
export interface PublishTargetView {
  name: string;
  publishes: number;
  failures: number;
  filesPut: number;
  filesDeleted: number;
  lastSuccessAt: number | undefined;
  failingSince: number | undefined;
  lastLatencyMs: number | undefined;
}

export interface PublishView {
  readonly targets: readonly PublishTargetView[];
}

/** The static copy (`publish:`): whether it keeps up, per target. No series without `publish:`. */
export function registerPublishMetrics(register: Registry, view: () => PublishView | undefined): void {
  const registers = [register];
  const perTarget = (
    name: string,
    help: string,
    kind: 'counter' | 'gauge',
    value: (t: PublishTargetView) => number | undefined,
  ) => {
    const targets = () =>
      (view()?.targets ?? []).flatMap((t) => {
        const v = value(t);
        return v === undefined ? [] : [{ target: t.name, v }];
      });
    if (kind === 'counter')
      new Counter({
        name,
        help,
        labelNames: ['target'],
        registers,
        collect() {
          this.reset();
          for (const { target, v } of targets()) this.inc({ target }, v);
        },
      });
    else
      new Gauge({
        name,
        help,
        labelNames: ['target'],
        registers,
        collect() {
          this.reset();
          for (const { target, v } of targets()) this.set({ target }, v);
        },
      });
  };
  perTarget('pharos_publish_total', 'Static-copy publishes that succeeded, per target.', 'counter', (t) => t.publishes);
  perTarget(
    'pharos_publish_failures_total',
    'Static-copy publishes that failed (each is retried with backoff), per target.',
    'counter',
    (t) => t.failures,
  );
  perTarget(
    'pharos_publish_files_put_total',
    'Files written to the static copy, per target.',
    'counter',
    (t) => t.filesPut,
  );
  perTarget(
    'pharos_publish_files_deleted_total',
    'Files deleted from the static copy, per target.',
    'counter',
    (t) => t.filesDeleted,
  );
  perTarget(
    'pharos_publish_last_success_timestamp_seconds',
    'When the static copy was last published, per target.',
    'gauge',
    (t) => (t.lastSuccessAt === undefined ? undefined : t.lastSuccessAt / 1000),
  );
  perTarget(
    'pharos_publish_failing',
    '1 while publishing the static copy to the target fails (see /readyz), else 0.',
    'gauge',
    (t) => (t.failingSince === undefined ? 0 : 1),
  );
  perTarget(
    'pharos_publish_latency_seconds',
    'From the change to the end of the last successful publish, per target.',
    'gauge',
    (t) => (t.lastLatencyMs === undefined ? undefined : t.lastLatencyMs / 1000),
  );
}
