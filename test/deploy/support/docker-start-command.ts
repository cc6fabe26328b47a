import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { instructionsOf } from './dockerfile-model.ts';
import type { ImageRoot } from './docker-image-root.ts';

/**
 * The image's own ENTRYPOINT + CMD (read from the Dockerfile, never retyped), run on this machine in the
 * assembled image root. As root with `unshare` and `setpriv`, it runs as the image's USER in a private mount
 * namespace whose `/` is read-only: only the VOLUME folders and a scratch TMPDIR (standing for the tmpfs /tmp)
 * are writable, as with `docker run --read-only --tmpfs /tmp`. Elsewhere it runs unconfined and says so.
 */
export interface ContainerProcess {
  process: ChildProcess;
  /** what the command line was, after image paths were mapped */
  argv: string[];
  /** why this run is weaker than the image (no tini here, no read-only root) */
  notes: string[];
  /** ran as the image's USER on a read-only root */
  confined: boolean;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export interface ContainerOptions {
  /** replaces CMD (as `docker run IMAGE cmd…` does), e.g. a Compose service's command */
  command?: string[];
  /** the environment given to the container, over the image's ENV */
  env: Record<string, string>;
}

export function imageCommand(image: ImageRoot, command?: string[]): { argv: string[]; notes: string[] } {
  const notes: string[] = [];
  const entrypoint = execArgs(image, 'ENTRYPOINT');
  const cmd = command ?? execArgs(image, 'CMD');
  let argv = [...entrypoint, ...cmd].map((arg) => image.mapPaths(arg));
  if (entrypoint.length > 0 && !existsSync(argv[0]!)) {
    notes.push(`${argv[0]} is not installed here: ran the command without the ENTRYPOINT`);
    argv = argv.slice(entrypoint.length);
  }
  return { argv, notes };
}

export function canConfine(): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/unshare') || !existsSync('/usr/bin/setpriv')) return false;
  return spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;
}

export function startContainer(image: ImageRoot, options: ContainerOptions): ContainerProcess {
  const { argv, notes } = imageCommand(image, options.command);
  // inside the image's temp folder, so ImageRoot.remove() takes it too
  const scratch = mkdtempSync(join(dirname(image.root), 'tmp-'));
  const imageEnv = Object.fromEntries(Object.entries(image.env).map(([k, v]) => [k, image.mapPaths(v)]));
  // the base image's PATH finds `node` in /usr/local/bin; here, the node running the tests
  const env = {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    ...imageEnv,
    TMPDIR: scratch,
    ...options.env,
  };
  const cwd = image.hostPath(image.workdir);
  let child: ChildProcess;
  const confined = canConfine();
  if (confined) {
    const writable = [...image.volumes.map((v) => image.hostPath(v)), scratch];
    chownSync(scratch, image.user.uid, image.user.gid);
    const modules = reachableModules(image, cwd);
    const script = [
      ...(modules ? [`mount --bind '${modules.real}' '${modules.mountPoint}'`] : []),
      ...writable.map((dir) => `mount --bind '${dir}' '${dir}'`),
      'mount -o remount,bind,ro /',
      `cd '${cwd}'`,
      `exec setpriv --reuid=${image.user.uid} --regid=${image.user.gid} --clear-groups -- "$@"`,
    ].join(' && ');
    child = spawn('unshare', ['-m', '--propagation', 'private', '/bin/sh', '-c', script, 'sh', ...argv], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } else {
    notes.push('not root or no unshare/setpriv: ran as this user, with a writable root filesystem');
    child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { process: child, argv, notes, confined, output: () => output, exited };
}

/** SIGKILL if still running (cleanup after a failed test). */
export async function killContainer(container: ContainerProcess | undefined): Promise<void> {
  if (!container || container.process.exitCode !== null || container.process.signalCode !== null) return;
  container.process.kill('SIGKILL');
  await container.exited;
}

function execArgs(image: ImageRoot, keyword: 'ENTRYPOINT' | 'CMD'): string[] {
  const instruction = instructionsOf(image.final, keyword).at(-1);
  if (!instruction) return [];
  // shell form is what the builder wraps in /bin/sh -c
  return instruction.execForm ? instruction.args : ['/bin/sh', '-c', instruction.raw];
}

/** the checkout's node_modules each image root links to, once its link was moved to a mount point */
const linkedModules = new Map<string, string>();

/**
 * The image root's node_modules is a link to this checkout's (see docker-image-root.ts). The image's USER may not be
 * allowed through the checkout's parent folders (a CI clone under a 0700 temp folder), so the link is pointed at a
 * folder beside the image root instead, and the checkout's node_modules is bind-mounted there inside the namespace.
 */
function reachableModules(image: ImageRoot, cwd: string): { real: string; mountPoint: string } | undefined {
  const link = join(cwd, 'node_modules');
  if (!existsSync(link) && !linkedModules.has(image.root)) return undefined;
  if (!lstatSync(link).isSymbolicLink()) return undefined;
  // named node_modules: packages find each other as siblings there
  const mountPoint = join(dirname(image.root), 'checkout-modules', 'node_modules');
  if (!linkedModules.has(image.root)) {
    linkedModules.set(image.root, realpathSync(link));
    mkdirSync(mountPoint, { recursive: true });
    unlinkSync(link);
    symlinkSync(mountPoint, link, 'dir');
  }
  return { real: linkedModules.get(image.root)!, mountPoint };
}
