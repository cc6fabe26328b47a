// A bounded request loop against one URL (e.g. /api/v2/summary.json) at a fixed rate, in its own process so that its
// CPU does not count as Pharos's. Told to start and stop over IPC; answers with the latencies' quantiles.
import { Agent, get } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
let timer;
let latencies = [];
let errors = 0;
let inFlight = 0;

function once(url) {
  if (inFlight >= 64) {
    errors += 1; // the server is that far behind: count it, do not pile up
    return;
  }
  inFlight += 1;
  const t0 = performance.now();
  const req = get(url, { agent }, (res) => {
    res.resume();
    res.on('end', () => {
      inFlight -= 1;
      if (res.statusCode === 200 || res.statusCode === 304) latencies.push(performance.now() - t0);
      else errors += 1;
    });
  });
  req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
  req.on('error', () => {
    inFlight -= 1;
    errors += 1;
  });
}

const quantile = (sorted, q) =>
  sorted.length ? +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1) : null;

process.on('message', (m) => {
  if (m.type === 'start') {
    latencies = [];
    errors = 0;
    const everyMs = 1000 / m.rps;
    let next = performance.now();
    const tick = () => {
      const now = performance.now();
      while (next <= now) {
        once(m.url);
        next += everyMs;
      }
      timer = setTimeout(tick, Math.max(1, next - performance.now()));
    };
    tick();
  } else if (m.type === 'stop') {
    clearTimeout(timer);
    const sorted = latencies.sort((a, b) => a - b);
    process.send({
      type: 'figures',
      requests: sorted.length,
      errors,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      max: quantile(sorted, 1),
    });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
