/**
 * bench/ha: requests/s and p99 of `/api/v2/summary.json` with wrk (-t2 -c64 -d15s) for one web replica direct, one
 * replica behind nginx, and two replicas behind nginx (upstream, keepalive); 50 components/monitors on PostgreSQL,
 * Redis bus. Web replicas run as `bin/pharos.js start --role web`; a worker runs briefly first so statuses exist.
 *
 *   npm run build && node bench/ha/replicas.mjs [--seconds 15]
 *
 * Needs nginx and wrk on PATH (Debian: apt-get install -y nginx wrk); nginx runs from a temp conf, never as a service.
 * On a small machine the replicas, nginx and wrk share the same cores: the ratio is a floor, not a scaling law.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { REDIS_URL, freshDatabase, startPharosProcess, startTarget, until } from './support.mjs';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '15' }, components: { type: 'string', default: '50' } },
});
const components = Number(values.components);
const PHAROS_BIN = new URL('../../bin/pharos.js', import.meta.url).pathname;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function wrk(url) {
  const out = execFileSync('wrk', ['-t2', '-c64', `-d${values.seconds}s`, '--latency', url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const pct = (p) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: (.*)/.exec(out)?.[1] ?? null;
  return {
    rps: Math.round(rps),
    p50_ms: +pct(50).toFixed(2),
    p99_ms: +pct(99).toFixed(2),
    non2xx,
    socket_errors: errors,
  };
}

/** `bin/pharos.js start --role web` on a given port; resolves when /readyz answers 200. */
async function startWeb(configFile, port) {
  const child = spawn(
    process.execPath,
    [PHAROS_BIN, 'start', '--config', configFile, '--role', 'web', '--port', String(port)],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok, {
    timeoutMs: 30_000,
    what: `web replica on ${port}`,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(25_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

async function startNginx(dir, listenPort, upstreamPorts) {
  await mkdir(dir, { recursive: true });
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream pharos {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://pharos;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-c', conf, '-p', dir, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await until(async () => (await fetch(`http://127.0.0.1:${listenPort}/healthz`).catch(() => undefined))?.ok, {
    timeoutMs: 10_000,
    what: 'nginx',
  });
  return {
    url: `http://127.0.0.1:${listenPort}`,
    stop: async () => {
      child.kill('SIGQUIT');
      await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

const dir = await mkdtemp(join(tmpdir(), 'pharos-bench-ha-replicas-'));
const db = await freshDatabase('replicas');
const target = await startTarget();
const cleanups = [];
try {
  const configFile = join(dir, 'pharos.yaml');
  // JSON is YAML: the config file is the same as an operator's
  const config = {
    title: 'HA bench',
    logging: { level: 'warn' },
    // longer than nginx's upstream keep-alive (60 s), as in deploy/: Pharos never closes a connection nginx reuses
    server: { host: '127.0.0.1', keep_alive_timeout: '75s', secret: 'test-secret-shared-by-every-replica-0123456789' },
    storage: { url: db.url },
    bus: { redis: { url: REDIS_URL, prefix: `bench${Date.now().toString(36)}` } },
    components: Array.from({ length: components }, (_, i) => ({
      id: `c${i}`,
      name: `Component ${i}`,
      group: `Group ${Math.floor(i / 10)}`,
      monitors: [`m${i}`],
    })),
    monitors: Array.from({ length: components }, (_, i) => ({
      id: `m${i}`,
      type: 'http',
      url: `${target.url}/c${i}`,
      interval: '30s',
    })),
  };
  await writeFile(configFile, JSON.stringify(config, null, 2));

  // one worker checks every monitor once, so the summary carries statuses; then it leaves (it would compete for CPU)
  const worker = await startPharosProcess({ configFile, role: 'worker' });
  await until(async () => (await worker.ask('drift')).count >= components, { timeoutMs: 30_000, what: 'first checks' });
  await sleep(1_000);
  await worker.stop();

  const [p1, p2, pn1, pn2] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const web1 = await startWeb(configFile, p1);
  cleanups.push(web1.stop);
  const web2 = await startWeb(configFile, p2);
  cleanups.push(web2.stop);
  const path = '/api/v2/summary.json';
  const body = await (await fetch(web1.url + path)).text();

  const figures = {};
  figures.one_direct = wrk(web1.url + path);
  const nginxOne = await startNginx(join(dir, 'one'), pn1, [p1]);
  figures.one_via_nginx = wrk(nginxOne.url + path);
  await nginxOne.stop();
  const nginxTwo = await startNginx(join(dir, 'two'), pn2, [p1, p2]);
  figures.two_via_nginx = wrk(nginxTwo.url + path);
  await nginxTwo.stop();

  const result = {
    bench: 'ha-replicas',
    components,
    wrk: `-t2 -c64 -d${values.seconds}s`,
    summary_bytes: Buffer.byteLength(body),
    ...figures,
    ratio_two_over_one_via_nginx: +(figures.two_via_nginx.rps / figures.one_via_nginx.rps).toFixed(2),
    cores: availableParallelism(),
    loadavg_1m_after: +loadavg()[0].toFixed(2),
  };
  console.log(JSON.stringify(result));
  console.log(
    `summary.json (${result.summary_bytes} B, ${components} components): one direct ${figures.one_direct.rps} req/s p99 ${figures.one_direct.p99_ms} ms; ` +
      `one via nginx ${figures.one_via_nginx.rps} req/s p99 ${figures.one_via_nginx.p99_ms} ms; two via nginx ${figures.two_via_nginx.rps} req/s p99 ${figures.two_via_nginx.p99_ms} ms; ` +
      `two/one ${result.ratio_two_over_one_via_nginx}x on ${result.cores} cores (replicas, nginx and wrk share them)`,
  );
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  target.stop();
  await db.drop().catch((err) => console.error('dropping the database failed', err));
  await rm(dir, { recursive: true, force: true });
}
