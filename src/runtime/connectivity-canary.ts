import { httpCheck } from '../checks/http/index.ts';
import { tcpCheck } from '../checks/tcp/index.ts';
import type { ConnectivityConfig } from '../config/schema.ts';
import type { Probe } from '../domain/probe.ts';
import { defaultEgressPolicy } from '../egress/egress-policy.ts';
import type { Logger } from './logger.ts';

export interface CanaryStatus {
  offline: boolean;
  since: number | null;
  lastErrors: string[];
}

/**
 * Targets that should always answer. When every one of them fails, Pharos is the one offline: the pipeline
 * suspends state changes (and so incidents and alerts) until one answers again.
 */
export class ConnectivityCanary {
  status: CanaryStatus = { offline: false, since: null, lastErrors: [] };
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: ConnectivityConfig,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    void this.probeAll();
    this.timer = setInterval(() => void this.probeAll(), this.config.interval);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round over every target; returns whether Pharos is offline afterwards. */
  async probeAll(): Promise<boolean> {
    const probes = await Promise.all(this.config.targets.map((t) => this.probe(t)));
    const failures = probes.filter((p) => !p.connected || p.error);
    const offline = failures.length === probes.length;
    if (offline !== this.status.offline) {
      if (offline)
        this.logger.error(
          { component: 'canary', errors: failures.map((p) => p.error) },
          'all connectivity canaries failed: Pharos is offline; state changes suspended',
        );
      else this.logger.info({ component: 'canary' }, 'connectivity restored; state changes resume');
    }
    this.status = {
      offline,
      since: offline === this.status.offline ? this.status.since : this.now(),
      lastErrors: failures.map((p) => p.error ?? 'failed'),
    };
    return offline;
  }

  private probe(target: string): Promise<Probe> {
    const signal = AbortSignal.timeout(this.config.timeout);
    const ctx = {
      monitorId: 'connectivity',
      signal,
      timeoutMs: this.config.timeout,
      intervalMs: this.config.interval,
      now: this.now,
      monitorSince: 0,
      egress: defaultEgressPolicy().guardFor('config'),
    };
    const failed = (error: string): Probe => ({ startedAt: this.now(), responseTimeMs: 0, connected: false, error });
    if (target.startsWith('tcp://')) {
      const url = new URL(target.replace(/^tcp:/, 'http:'));
      return tcpCheck.run({ type: 'tcp', host: url.hostname, port: Number(url.port) }, ctx).then(
        (p) => p ?? failed('no result'),
        (e: Error) => failed(e.message),
      );
    }
    return httpCheck
      .run(
        {
          type: 'http',
          url: target,
          method: 'HEAD',
          headers: {},
          follow_redirects: false,
          verify_tls: false,
          keep_alive: false,
          max_body_bytes: 1024,
        },
        ctx,
      )
      .then(
        (p) => p ?? failed('no result'),
        (e: Error) => failed(e.message),
      );
  }
}
