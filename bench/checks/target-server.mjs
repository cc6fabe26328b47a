// A plain HTTP target for the benchmark, run as its own process so it does not share Pharos's CPU accounting.
// With a flapping percentage (argv[2]), that share of /health/<i> paths alternates between 200 and 503 every
// FLAP_MS (argv[3], phase shifted by i), so that monitors change state all along, as some do in real life.
import { createServer } from 'node:http';

const flappingPercent = Number(process.argv[2] ?? 0);
const flapMs = Number(process.argv[3] ?? 40_000);
const body = JSON.stringify({ status: 'ok' });
const failing = JSON.stringify({ status: 'failing' });

function flapsDown(path) {
  if (flappingPercent <= 0) return false;
  const i = Number(/^\/health\/(\d+)/.exec(path)?.[1] ?? NaN);
  if (!Number.isInteger(i) || i % Math.round(100 / flappingPercent) !== 0) return false;
  return Math.floor((Date.now() + i * 997) / flapMs) % 2 === 1;
}

const server = createServer((req, res) => {
  const down = flapsDown(req.url ?? '');
  const text = down ? failing : body;
  res.writeHead(down ? 503 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
});
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
