import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from './wait-for.ts';

const REPO = new URL('../..', import.meta.url).pathname;
const TAIL_LINES = 200;

export interface ProcessExit {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

/**
 * How to run the `pharos` command: `bin/pharos.js` (the bundle in dist/ when built, as the suite does before the
 * tests, else the TypeScript through tsx). A bundle older than a file under src/ is someone's earlier build: the
 * TypeScript is run then, so that a local run tests the code as it is.
 */
let command: Promise<string[]> | undefined;
function pharosCommand(): Promise<string[]> {
  command ??= (async () => {
    const bundle = await stat(join(REPO, 'dist/cli.mjs')).catch(() => undefined);
    if (bundle && (await newestMtime(join(REPO, 'src'))) > bundle.mtimeMs)
      return ['--import', 'tsx', join(REPO, 'src/cli/main.ts')];
    return [join(REPO, 'bin/pharos.js')];
  })();
  return command;
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/**
 * One `pharos start` child process, as an operator runs it: `pharos start --config FILE --role R --port P` (see
 * `pharosCommand`). Its JSON log lines go to
 * `<logDir>/<name>.log` and the last ones are kept for failure messages. Every exit is recorded, so a test can
 * tell a crash from the kills it made itself.
 */
export class PharosProcess {
  readonly url: string;
  /** every exit so far, whether the test caused it or not */
  readonly exits: ProcessExit[] = [];
  private child: ChildProcess | undefined;
  private tailLines: string[] = [];
  private partial = '';
  private logFile: WriteStream | undefined;
  private expectedExit = false;
  /** exits the test did not ask for (kill, terminate) */
  readonly unexpectedExits: ProcessExit[] = [];

  constructor(
    readonly name: string,
    private readonly opts: {
      configFile: string;
      role: 'all' | 'web' | 'worker';
      port: number;
      logDir: string;
      env?: Record<string, string>;
    },
  ) {
    this.url = `http://127.0.0.1:${opts.port}`;
  }

  get role(): string {
    return this.opts.role;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** the last log lines (JSON), for failure messages */
  tail(lines = 40): string {
    return this.tailLines.slice(-lines).join('\n');
  }

  /** every log line so far (all runs of this process) that matches */
  async logLines(pattern: RegExp): Promise<string[]> {
    const text = await readFile(join(this.opts.logDir, `${this.name}.log`), 'utf8').catch(() => '');
    return text.split('\n').filter((l) => pattern.test(l));
  }

  /** spawn and wait until /healthz answers (the HTTP server is up, which is after migrations and the first lease round) */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.expectedExit = false;
    this.logFile ??= createWriteStream(join(this.opts.logDir, `${this.name}.log`), { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        ...(await pharosCommand()),
        'start',
        '--config',
        this.opts.configFile,
        '--role',
        this.opts.role,
        '--port',
        String(this.opts.port),
      ],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PHAROS_LOG_LEVEL: 'info', ...this.opts.env },
      },
    );
    this.child = child;
    const onData = (chunk: Buffer) => this.record(chunk.toString());
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      const exit = { pid: child.pid ?? -1, code, signal, at: Date.now() };
      this.exits.push(exit);
      if (!this.expectedExit) this.unexpectedExits.push(exit);
      this.record(`\n[${this.name}] exited code=${code} signal=${signal}\n`);
    });
    try {
      await waitFor(
        `${this.name} to answer /healthz`,
        async () => {
          if (!this.running) throw new Error(`${this.name} exited before it answered`);
          return (await this.status('/healthz')) === 200;
        },
        timeoutMs,
        200,
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- ${this.name} log ---\n${this.tail()}`, { cause: err });
    }
  }

  /** the HTTP status of a GET, or undefined when nothing answers */
  async status(path: string, timeoutMs = 3_000): Promise<number | undefined> {
    try {
      const res = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return undefined;
    }
  }

  /** die at once (no shutdown), as a crashed host */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM, and wait for the exit (SIGKILL after `timeoutMs`) */
  async terminate(timeoutMs = 30_000): Promise<ProcessExit | undefined> {
    const exited = this.signal('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
    return this.exits.at(-1);
  }

  /** whatever state it is in: gone afterwards (for after()) */
  async dispose(): Promise<void> {
    if (this.running) await this.kill().catch(() => undefined);
    await new Promise<void>((resolve) => (this.logFile ? this.logFile.end(() => resolve()) : resolve()));
    this.logFile = undefined;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.expectedExit = true;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  private record(text: string): void {
    this.logFile?.write(text);
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    this.tailLines.push(...lines.filter((l) => l.length > 0));
    if (this.tailLines.length > TAIL_LINES * 2) this.tailLines = this.tailLines.slice(-TAIL_LINES);
  }
}
