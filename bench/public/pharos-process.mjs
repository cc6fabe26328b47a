// Pharos for bench/public: seeds history, starts on a free port with a local target, reports its URL (or rebuild times).
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createLogger, startPharos } from '../../dist/index.mjs';
import { benchConfig, seedHistory } from './seed-history.mjs';

const { values } = parseArgs({
  options: {
    components: { type: 'string' },
    dir: { type: 'string' },
    'measure-rebuild': { type: 'boolean', default: false },
  },
});
mkdirSync(values.dir, { recursive: true });
const target = createServer((_req, res) => res.end('{"status":"ok"}'));
await new Promise((r) => target.listen(0, '127.0.0.1', r));
const config = benchConfig({
  components: Number(values.components),
  storageUrl: `sqlite:${join(values.dir, 'public.db')}`,
  targetUrl: `http://127.0.0.1:${target.address().port}`,
});
await seedHistory(config, Date.now());
const pharos = await startPharos({ config, port: 0, logger: createLogger('warn') });
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let rebuilds = 0;
pharos.snapshot.onChange(() => (rebuilds += 1));
process.on('message', (m) => {
  if (m === 'rss') process.send({ rssMb: Math.round(process.memoryUsage.rss() / 1048576) });
  if (m === 'stats') {
    process.send({
      loop_delay_p99_ms: +(loopDelay.percentile(99) / 1e6).toFixed(1),
      loop_delay_max_ms: +(loopDelay.max / 1e6).toFixed(1),
      snapshot_changes: rebuilds,
      last_rebuild_ms: Math.round(pharos.snapshot.lastBuildMs),
    });
    loopDelay.reset();
  }
});

if (values['measure-rebuild']) {
  const times = { full_with_history_ms: [], live_only_ms: [] };
  for (let i = 0; i < 5; i++) {
    pharos.snapshot.markHistoryStale();
    await pharos.snapshot.rebuild();
    times.full_with_history_ms.push(Math.round(pharos.snapshot.lastBuildMs));
    await pharos.snapshot.rebuild();
    times.live_only_ms.push(Math.round(pharos.snapshot.lastBuildMs));
  }
  const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  process.send({
    rebuild: {
      full_with_history_ms: median(times.full_with_history_ms),
      live_only_ms: median(times.live_only_ms),
      html_bytes: pharos.snapshot.pages.values().next().value.html.body.length,
    },
  });
} else {
  process.send({ url: pharos.url });
  if (process.env.BENCH_INPROCESS_CEILING) {
    // a plain server inside the Pharos process, serving the same bytes: tells the code path from the process's other work
    const bytes = pharos.snapshot.pages.get(pharos.snapshot.mounts.root.key).json.get('summary.json').body;
    const plain = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes),
    );
    plain.listen(0, '127.0.0.1', () => process.send({ ceilingPort: plain.address().port }));
  }
  if (process.env.BENCH_LOG_EVENTS)
    pharos.bus.subscribe((e) => e.type !== 'results.flushed' && console.log(Date.now() % 100000, JSON.stringify(e)));
}
