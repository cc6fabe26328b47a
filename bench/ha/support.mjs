// Shared pieces of bench/ha: a fresh PostgreSQL database per run, a local HTTP target, Pharos worker processes.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export const ADMIN_URL = process.env.PHAROS_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.PHAROS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh database on the local server; `drop()` removes it. */
export async function freshDatabase(tag) {
  const name = `pharos_bench_${tag}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withClient(ADMIN_URL, (c) => c.query(`create database "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(ADMIN_URL, (c) => c.query(`drop database if exists "${name}" with (force)`)),
  };
}

/** The plain HTTP target of bench/checks, as its own process. */
export async function startTarget() {
  const child = fork(new URL('../checks/target-server.mjs', import.meta.url).pathname);
  const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** One Pharos process (bench/ha/pharos-process.mjs) with startPharos from the bundle; answers `ask(kind)` over IPC. */
export async function startPharosProcess({ configFile, role, ttlMs, workerId }) {
  const args = ['--config', configFile, '--role', role];
  if (ttlMs) args.push('--ttl', String(ttlMs));
  if (workerId) args.push('--worker-id', workerId);
  const child = fork(new URL('./pharos-process.mjs', import.meta.url).pathname, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`pharos ${role} exited early (${code})`)));
  });
  let seq = 0;
  const ask = (kind) =>
    new Promise((resolve) => {
      const id = ++seq;
      const onMessage = (m) => {
        if (m.reply !== id) return;
        child.off('message', onMessage);
        resolve(m.body);
      };
      child.on('message', onMessage);
      child.send({ ask: kind, id });
    });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    pid: child.pid,
    url: ready.url,
    ask,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(25_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

/** `await until(fn, {timeoutMs})`: poll fn every `everyMs` until it returns a truthy value. */
export async function until(fn, { timeoutMs, everyMs = 200, what = 'condition' }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const quantile = (values, q) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

export function queryOnce(url, sql, params) {
  return withClient(url, (c) => c.query(sql, params));
}
