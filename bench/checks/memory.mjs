/**
 * bench/checks/memory: where a checking process's memory is. Starts Pharos (SQLite, the realistic shape of run.mjs:
 * half of the monitors in components of 100, half lone) against a local target, checks for --seconds, runs a full
 * GC, then prints RSS, the JS heap, the anonymous mappings of /proc/self/smaps by size (V8's pages are 256 kB; the
 * malloc heap is `[heap]`) and the live JS allocations by call site (V8's sampling heap profiler).
 *
 *   npm run build && node --expose-gc bench/checks/memory.mjs --monitors 20000 --seconds 30
 *   heaptrack -o /tmp/ht node --expose-gc bench/checks/memory.mjs   # native allocations (heaptrack_print --print-peaks 1)
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { configSchema, createLogger, startPharos } from '../../dist/index.mjs';

const { values } = parseArgs({
  options: {
    monitors: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '30' },
    /** scheduler.check_threads (0, auto, N); default: the config's default */
    'check-threads': { type: 'string' },
  },
});
const monitors = Number(values.monitors);
const mb = (bytes) => Math.round(bytes / 1048576);
const memory = () => {
  const m = process.memoryUsage();
  return { rss: mb(m.rss), heap_used: mb(m.heapUsed), heap_total: mb(m.heapTotal), external: mb(m.external) };
};

const target = fork(new URL('./target-server.mjs', import.meta.url).pathname, ['0', '40000']);
const port = await new Promise((resolve) => target.once('message', (m) => resolve(m.port)));
const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-memory-'));
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 65536 });
const inComponents = Math.floor(monitors / 2);
const pharos = await startPharos({
  config: configSchema.parse({
    title: 'Bench',
    logging: { level: 'warn' },
    storage: { url: `sqlite:${join(dir, 'bench.db')}` },
    ...(values['check-threads'] === undefined
      ? {}
      : {
          scheduler: { check_threads: values['check-threads'] === 'auto' ? 'auto' : Number(values['check-threads']) },
        }),
    components: Array.from({ length: Math.ceil(inComponents / 100) }, (_, c) => ({
      id: `c${c}`,
      name: `Component ${c}`,
      group: `Group ${Math.floor(c / 10)}`,
      monitors: Array.from({ length: Math.min(100, inComponents - c * 100) }, (_, j) => `m${c * 100 + j}`),
    })),
    monitors: Array.from({ length: monitors }, (_, i) => ({
      id: `m${i}`,
      type: 'http',
      url: `http://127.0.0.1:${port}/health/${i}`,
      interval: '30s',
      timeout: '5s',
      conditions: ['[STATUS] == 200', '[RESPONSE_TIME] < 1000'],
    })),
  }),
  port: 0,
  logger: createLogger('warn'),
});
const started = memory();
await sleep(Number(values.seconds) * 1000);
globalThis.gc?.();
const after = memory();

// anonymous mappings by size: V8's heap pages (256 kB–1 MB), the malloc heap ([heap]), the rest
const bySize = {};
let mallocHeap = 0;
for (const block of readFileSync('/proc/self/smaps', 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
  const head = block.split('\n')[0];
  const rss = Number(/\nRss:\s+(\d+)/.exec(block)?.[1] ?? 0) * 1024;
  if (head.includes('[heap]')) mallocHeap += rss;
  if (/\/|\[/.test(head)) continue;
  const [from, to] = head
    .split(' ')[0]
    .split('-')
    .map((x) => parseInt(x, 16));
  const size = to - from;
  const key = size >= 64 << 20 ? '>=64MB' : size >= 1 << 20 ? '1-64MB' : size >= 256 << 10 ? '256kB-1MB' : '<256kB';
  bySize[key] = (bySize[key] ?? 0) + mb(rss);
}
const { profile } = await session.post('HeapProfiler.getSamplingProfile');
const sites = new Map();
const walk = (node, stack) => {
  const f = node.callFrame;
  const here = [...stack, `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`];
  if (node.selfSize)
    sites.set(here.slice(-3).join(' < '), (sites.get(here.slice(-3).join(' < ')) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child, here);
};
walk(profile.head, []);
console.log(
  JSON.stringify({
    monitors,
    seconds_checking: Number(values.seconds),
    mb_after_start: started,
    mb_after_checking_and_gc: after,
    malloc_heap_mb: mb(mallocHeap),
    anonymous_mappings_mb_by_size: bySize,
    live_js_mb_by_site: [...sites]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([site, bytes]) => [+(bytes / 1048576).toFixed(1), site]),
  }),
);
await pharos.close();
target.kill();
await rm(dir, { recursive: true, force: true });
process.exit(0);
