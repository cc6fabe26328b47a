import type { EnvironmentName } from './environment-config.ts';

/** The CloudWatch namespace the sidecar writes Pharos's own metrics to (alarms read from it). */
export const PHAROS_METRICS_NAMESPACE = 'Pharos';

/** Pinned AWS Distro for OpenTelemetry collector image. */
export const ADOT_COLLECTOR_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0';

/** Prometheus series the alarms and dashboard use; the rest of /metrics stays out of CloudWatch (cost). */
export const exportedPharosMetrics = [
  'pharos_scheduler_lag_seconds',
  'pharos_outbox_pending',
  'pharos_outbox_oldest_pending_age_seconds',
  'pharos_lease_takeovers_total',
  'pharos_http_requests_total',
] as const;

/**
 * Pharos exposes Prometheus metrics only. An ADOT collector sidecar in each task scrapes
 * 127.0.0.1:3000/metrics (with the bearer token, read from the container's environment by the
 * collector's `${env:…}` expansion) and writes CloudWatch Embedded Metric Format records to a log
 * group; CloudWatch turns them into metrics in the `Pharos` namespace with an `environment`
 * dimension. Cumulative counters are turned into deltas by the EMF exporter; the scheduler-lag
 * histogram arrives as a statistic set (Average = sum / count).
 */
export function adotCollectorConfig(env: EnvironmentName, role: 'web' | 'worker', logGroupName: string): string {
  const names = exportedPharosMetrics.map((n) => `'^${n}(_sum|_count|_bucket)?$'`).join(', ');
  return [
    'extensions:',
    '  health_check: {}',
    'receivers:',
    '  prometheus:',
    '    config:',
    '      scrape_configs:',
    '        - job_name: pharos',
    '          scrape_interval: 30s',
    '          metrics_path: /metrics',
    '          authorization:',
    '            credentials: ${env:PHAROS_METRICS_TOKEN}',
    '          static_configs:',
    "            - targets: ['127.0.0.1:3000']",
    `              labels: { environment: ${env}, role: ${role} }`,
    'processors:',
    '  filter/pharos:',
    '    metrics:',
    '      include:',
    '        match_type: regexp',
    `        metric_names: [${names}]`,
    '  batch:',
    '    timeout: 30s',
    'exporters:',
    '  awsemf:',
    `    namespace: ${PHAROS_METRICS_NAMESPACE}`,
    `    log_group_name: ${logGroupName}`,
    '    log_stream_name: "{TaskId}"',
    '    dimension_rollup_option: NoDimensionRollup',
    '    metric_declarations:',
    '      - dimensions: [[environment], [environment, role]]',
    `        metric_name_selectors: [${exportedPharosMetrics.map((n) => `'^${n}$'`).join(', ')}]`,
    'service:',
    '  extensions: [health_check]',
    '  pipelines:',
    '    metrics:',
    '      receivers: [prometheus]',
    '      processors: [filter/pharos, batch]',
    '      exporters: [awsemf]',
    '',
  ].join('\n');
}
