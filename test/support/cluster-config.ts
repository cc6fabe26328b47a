/**
 * The catalog and config of a test cluster of `pharos start` processes: components of two HTTP monitors each plus
 * lone monitors (one lease unit each), short intervals and lease TTL, Redis for the bus, a webhook channel.
 */
export interface ClusterShape {
  components: number;
  loneMonitors: number;
  intervalMs: number;
  leaseTtlMs: number;
  batchIntervalMs: number;
}

export const DEFAULT_SHAPE: ClusterShape = {
  components: 6,
  loneMonitors: 2,
  intervalMs: 1_000,
  leaseTtlMs: 2_000,
  batchIntervalMs: 50,
};

export const componentIds = (shape: ClusterShape): string[] =>
  Array.from({ length: shape.components }, (_, i) => `c${i}`);
export const monitorsOf = (componentId: string): string[] => [`${componentId}-a`, `${componentId}-b`];
export const loneMonitorIds = (shape: ClusterShape): string[] =>
  Array.from({ length: shape.loneMonitors }, (_, i) => `lone${i}`);
export const allMonitorIds = (shape: ClusterShape): string[] => [
  ...componentIds(shape).flatMap(monitorsOf),
  ...loneMonitorIds(shape),
];
/** lease units: `c:<component>` per component, `m:<monitor>` per monitor in no component */
export const unitIds = (shape: ClusterShape): string[] => [
  ...componentIds(shape).map((c) => `c:${c}`),
  ...loneMonitorIds(shape).map((m) => `m:${m}`),
];

export function clusterConfigText(
  shape: ClusterShape,
  urls: { storage: string; redis: string; target: string; webhook: string },
): string {
  const ms = (n: number) => `${n}ms`;
  const monitor = (id: string) =>
    `  - { id: ${id}, type: http, url: "${urls.target}/${id}", interval: ${ms(shape.intervalMs)}, timeout: 500ms, failure_threshold: 2, success_threshold: 1 }`;
  return `title: Replicas
server: { host: 127.0.0.1, shutdown_grace: 5s, secret: "test-secret-shared-by-every-replica-0123456789" }
metrics: { public: true }
storage: { url: "${urls.storage}", batch_interval: ${ms(shape.batchIntervalMs)} }
scheduler: { lease_ttl: ${ms(shape.leaseTtlMs)} }
bus: { redis: { url: "${urls.redis}", prefix: replicas } }
delivery: { backoff_base: 200ms, backoff_max: 2s, poll_interval: 200ms, timeout: 2s }
notifications:
  - { id: hook, type: webhook, url: "${urls.webhook}/hook", coalesce_after: 1000, rate_per_minute: 1000 }
components:
${componentIds(shape)
  .map((c) => `  - { id: ${c}, name: Component ${c}, monitors: [${monitorsOf(c).join(', ')}] }`)
  .join('\n')}
monitors:
${[...componentIds(shape).flatMap(monitorsOf), ...loneMonitorIds(shape)].map(monitor).join('\n')}
`;
}
