/**
 * bench/public: requests/s and latency of `/` and `/api/v2/summary.json` with wrk (2 threads, 64 connections, 15 s)
 * against Pharos (50 components in 5 groups, 90 days of history, incidents) and, in the same run, against a minimal
 * node:http server returning the same bytes from memory. Then the time of a snapshot rebuild with 1,000 components.
 *
 *   npm run build && node bench/public/run.mjs [--seconds 15] [--rebuild-components 1000]
 *
 * Pharos runs in a child process so that wrk, Pharos and the ceiling server each have their own CPU accounting.
 */
import { execFileSync, fork } from 'node:child_process';
import { get } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    'rebuild-components': { type: 'string', default: '1000' },
    'skip-rebuild': { type: 'boolean', default: false },
  },
});
const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-public-'));

function wrk(url, headers = []) {
  const args = ['-t2', '-c64', `-d${values.seconds}s`, '--latency', ...headers.flatMap((h) => ['-H', h]), url];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const pct = (p) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return { rps: Math.round(rps), p50_ms: +pct(50).toFixed(2), p99_ms: +pct(99).toFixed(2), non2xx };
}

/** One GET on a fresh connection (a pooled one may have been closed by the server while wrk ran). */
function fetchFresh(url, headers) {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), contentType: res.headers['content-type'] }));
    }).on('error', reject);
  });
}

function child(script, args = []) {
  const proc = fork(new URL(script, import.meta.url).pathname, args);
  return { proc, message: () => new Promise((resolve) => proc.once('message', resolve)) };
}

// Pharos with 50 components and 90 days of history, in its own process.
const pharos = child('./pharos-process.mjs', ['--components', '50', '--dir', dir]);
const { url } = await pharos.message();
// Let every monitor run once (30 s interval) so that the measure is of a steady page, not of its first status changes.
await new Promise((r) => setTimeout(r, 32_000));
const stats = async () => {
  pharos.proc.send('stats');
  return pharos.message();
};
await stats();
const figures = { machine: `${execFileSync('nproc').toString().trim()} cores`, seconds: Number(values.seconds) };
for (const [name, path, headers] of [
  ['summary_json', '/api/v2/summary.json', []],
  ['page_html', '/', []],
  ['page_html_gzip', '/', ['Accept-Encoding: gzip']],
]) {
  const res = await fetchFresh(url + path, Object.fromEntries(headers.map((h) => h.split(': '))));
  const body = res.body;
  const ceiling = child('./ceiling-server.mjs');
  ceiling.proc.send({ body: body.toString('base64'), contentType: res.contentType });
  const { port } = await ceiling.message();
  const onPharos = wrk(url + path, headers);
  const onCeiling = wrk(`http://127.0.0.1:${port}${path}`);
  ceiling.proc.kill();
  figures[name] = {
    bytes: body.length,
    pharos: onPharos,
    ceiling: onCeiling,
    ratio: +(onPharos.rps / onCeiling.rps).toFixed(2),
    pharos_process: await stats(),
  };
}
// A query string must neither defeat the snapshot nor grow memory.
const rss = async () => {
  pharos.proc.send('rss');
  return (await pharos.message()).rssMb;
};
const rssBefore = await rss();
figures.query_string_flood = wrk(`${url}/?utm_source=${Date.now()}`);
figures.rss_mb = { before_query_flood: rssBefore, after: await rss() };
pharos.proc.kill();

if (!values['skip-rebuild']) {
  const n = values['rebuild-components'];
  const big = child('./pharos-process.mjs', ['--components', n, '--dir', join(dir, 'big'), '--measure-rebuild']);
  const { rebuild } = await big.message();
  figures[`snapshot_rebuild_${n}_components`] = rebuild;
  big.proc.kill();
}
console.log(JSON.stringify(figures));
await rm(dir, { recursive: true, force: true });
process.exit(0);
