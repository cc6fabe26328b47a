import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { isFree, pickStablePort } from './cluster-ports.ts';

/**
 * A redis-server owned by one test on 127.0.0.1 (no persistence), stopped and started again on the same port:
 * the port comes from outside the kernel's ephemeral range (see cluster-ports.ts) so that nothing takes it while
 * Redis is down, and a start that finds it taken says so.
 */
export interface OwnRedis {
  url: string;
  port: number;
  /** SIGKILL: clients see their connections drop, as when the host dies */
  stop(): Promise<void>;
  /** start again on the same port */
  start(): Promise<void>;
  close(): Promise<void>;
}

const PORT_ATTEMPTS = 5;

export async function startOwnRedis(): Promise<OwnRedis> {
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 1; ; attempt++) {
    port = await pickStablePort();
    try {
      child = await launch(port);
      break;
    } catch (err) {
      if (attempt >= PORT_ATTEMPTS || (await isFree(port))) throw err;
    }
  }
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    async start() {
      if (child) return;
      if (!(await isFree(port)))
        throw new Error(`own Redis: 127.0.0.1:${port} was taken by another process while Redis was stopped`);
      child = await launch(port);
    },
    close: stop,
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`redis-server did not start on ${port}: ${output}`)), 10_000);
    const done = (err?: Error) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else resolve();
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) done();
    };
    const onExit = (code: number | null) => done(new Error(`redis-server exited (${code}) on port ${port}: ${output}`));
    child.stdout!.on('data', onData);
    child.on('exit', onExit);
    child.on('error', (err) => done(err));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}
