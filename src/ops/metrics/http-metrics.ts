import { Counter, Histogram, type Registry } from 'prom-client';
import { PublicAnswerCounts, type PublicAnswerKind } from './public-answer-counts.ts';

/**
 * HTTP answers: fastify's routes by method, route pattern (never the raw URL, so label values stay bounded) and
 * status with a latency histogram; the public fast path (which bypasses fastify) by answer kind and status.
 */
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;
  private readonly publicAnswers = new PublicAnswerCounts();

  constructor(register: Registry) {
    const registers = [register];
    this.requests = new Counter({
      name: 'pharos_http_requests_total',
      help: 'HTTP requests answered by the router, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'pharos_http_request_duration_seconds',
      help: 'Time to answer HTTP requests through the router, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const answers = this.publicAnswers;
    new Counter({
      name: 'pharos_public_responses_total',
      help: 'Public page answers served from the in-memory snapshot (the fast path), by kind and status.',
      labelNames: ['kind', 'status'],
      registers,
      collect() {
        this.reset();
        for (const { kind, status, count } of answers.totals()) this.inc({ kind, status: String(status) }, count);
      },
    });
  }

  /** `route` is the matched route pattern, or undefined when no route matched. */
  requestAnswered(method: string, route: string | undefined, status: number, elapsedMs: number): void {
    const r = route ?? '(unmatched)';
    this.requests.inc({ method, route: r, status: String(status) });
    this.duration.observe({ method, route: r }, elapsedMs / 1000);
  }

  publicAnswered(kind: PublicAnswerKind, status: number): void {
    this.publicAnswers.record(kind, status);
  }
}
