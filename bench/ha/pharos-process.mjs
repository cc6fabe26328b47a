// One Pharos process for bench/ha: startPharos from the bundle (as `pharos start` does) with an optional lease TTL,
// which the CLI cannot set. Reports its URL, then answers IPC questions: owned units, scheduled monitors, drift.
import { parseArgs } from 'node:util';
import { createLogger, loadConfigFile, startPharos } from '../../dist/index.mjs';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    role: { type: 'string', default: 'worker' },
    ttl: { type: 'string' },
    'worker-id': { type: 'string' },
  },
});
const config = await loadConfigFile(values.config);
const leases = { ttlMs: values.ttl ? Number(values.ttl) : undefined, workerId: values['worker-id'] };
const pharos = await startPharos({
  config,
  port: 0,
  role: values.role,
  logger: createLogger(process.env.PHAROS_LOG_LEVEL ?? 'warn'),
  leases,
});
process.send({ url: pharos.url });

const answers = {
  units: () => ({ units: [...(pharos.leases?.units ?? [])] }),
  drift: () => {
    const d = pharos.runner.scheduler.drift;
    return {
      count: d.count,
      p50: d.quantile(0.5),
      p99: d.quantile(0.99),
      max: d.max,
      monitors: pharos.runner.scheduler.size,
      units: pharos.leases?.units.size ?? 0,
      skipped: pharos.runner.scheduler.skipped,
      rss_mb: Math.round(process.memoryUsage.rss() / 1048576),
    };
  },
  'reset-drift': () => {
    pharos.runner.scheduler.drift.reset();
    return {};
  },
};
process.on('message', (m) => process.send({ reply: m.id, body: answers[m.ask]() }));
let stopping = false;
const stop = () =>
  !stopping &&
  (stopping = true) &&
  pharos.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
process.on('SIGTERM', stop);
process.on('disconnect', stop);
