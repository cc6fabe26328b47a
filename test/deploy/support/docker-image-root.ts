import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { parseDockerIgnore, type DockerIgnore } from './dockerignore.ts';
import { instructionsOf, keyValues, parseDockerfile, type DockerfileModel, type Stage } from './dockerfile-model.ts';

/**
 * The final stage of a Dockerfile laid out as a folder, without a Docker engine: each stage gets a root folder;
 * a COPY from the build context takes only what .dockerignore lets in, a COPY --from takes the other stage's
 * folder. RUN steps cannot run here (no apt, no registry), except the two that make Pharos's files:
 * `npm ci` becomes a link to this checkout's node_modules (dev dependencies included, so the image's pruned
 * node_modules is checked separately) and `npm run build` runs for real, on the filtered context.
 */
export interface ImageRoot {
  /** the folder standing for the image's `/` */
  root: string;
  model: DockerfileModel;
  final: Stage;
  /** the final stage's WORKDIR, as an image path */
  workdir: string;
  /** the final stage's ENV, as written (image paths) */
  env: Record<string, string>;
  /** the final stage's USER, as numbers */
  user: { uid: number; gid: number };
  /** image paths declared VOLUME */
  volumes: string[];
  /** the host path standing for an image path: inside the root when the image's own layers put it there */
  hostPath(imagePath: string): string;
  /** every absolute image path in `text` that the image's layers hold, rewritten to its host path */
  mapPaths(text: string): string;
  remove(): void;
}

export interface ImageRootOptions {
  context: string;
  dockerfile: string;
  /** run `npm run build` in the build stage (a few seconds) */
  build?: boolean;
}

export async function assembleImageRoot({ context, dockerfile, build = true }: ImageRootOptions): Promise<ImageRoot> {
  const model = parseDockerfile(readFileSync(dockerfile, 'utf8'));
  const ignore = parseDockerIgnore(
    existsSync(join(context, '.dockerignore')) ? readFileSync(join(context, '.dockerignore'), 'utf8') : '',
  );
  const base = mkdtempSync(join(tmpdir(), 'pharos-image-'));
  // the image's user (not this one) must be able to read it, as a container's files are
  chmodSync(base, 0o755);
  const stageRoots = new Map<string, string>();
  let final: { root: string; workdir: string } | undefined;
  for (const [index, stage] of model.stages.entries()) {
    const root = join(base, `stage-${index}`);
    mkdirSync(root);
    let workdir = '/';
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR') {
        workdir = posix.resolve(workdir, instruction.args[0] ?? '/');
        mkdirSync(join(root, workdir), { recursive: true });
      } else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const from = instruction.flags.from;
        const sourceRoot =
          from === undefined ? undefined : (stageRoots.get(from) ?? stageRoots.get(String(Number(from))));
        if (from !== undefined && sourceRoot === undefined)
          throw new Error(`line ${instruction.line}: no stage "${from}" before it`);
        const sources = instruction.args.slice(0, -1);
        const dest = posix.resolve(workdir, instruction.args.at(-1)!);
        const intoFolder = instruction.args.at(-1)!.endsWith('/') || sources.length > 1;
        for (const source of sources) {
          const hostSource = sourceRoot ? join(sourceRoot, posix.resolve('/', source)) : join(context, source);
          const target =
            intoFolder && !isDirectory(hostSource) ? join(root, dest, posix.basename(source)) : join(root, dest);
          copyInto(hostSource, target, sourceRoot ? undefined : { ignore, context });
        }
      } else if (instruction.keyword === 'RUN') {
        const at = join(root, workdir);
        if (/\bnpm ci\b/.test(instruction.raw) && !existsSync(join(at, 'node_modules')))
          symlinkSync(join(context, 'node_modules'), join(at, 'node_modules'), 'dir');
        if (/\bnpm run build\b/.test(instruction.raw) && build) await run('npm', ['run', 'build', '--silent'], at);
      } else if (instruction.keyword === 'VOLUME') {
        for (const volume of volumesOf(instruction.args)) mkdirSync(join(root, volume), { recursive: true });
      }
    }
    stageRoots.set(String(index), root);
    if (stage.name) stageRoots.set(stage.name, root);
    final = { root, workdir };
  }
  const last = model.stages.at(-1);
  if (!final || !last) throw new Error(`${dockerfile}: no FROM`);
  const env = Object.assign({}, ...instructionsOf(last, 'ENV').map(keyValues)) as Record<string, string>;
  const [uid = NaN, gid = uid] = (instructionsOf(last, 'USER').at(-1)?.args[0] ?? '0').split(':').map(Number);
  const volumes = instructionsOf(last, 'VOLUME').flatMap((i) => volumesOf(i.args));
  const root = final.root;
  for (const volume of volumes)
    if (process.getuid?.() === 0 && Number.isInteger(uid)) chownSync(join(root, volume), uid, gid);
  const hostPath = (imagePath: string): string =>
    existsSync(join(root, imagePath)) ? join(root, imagePath) : imagePath;
  return {
    root,
    model,
    final: last,
    workdir: final.workdir,
    env,
    user: { uid, gid },
    volumes,
    hostPath,
    mapPaths: (text) => text.replace(/(?<![\w.$/])\/[\w.@-]+(?:\/[\w.@-]+)*/g, (path) => hostPath(path)),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** What a COPY from the context would bring in: `source` minus what .dockerignore leaves out. */
export function contextFiles(context: string, source: string, ignore: DockerIgnore): string[] {
  const full = join(context, source);
  if (!existsSync(full)) return [];
  if (!isDirectory(full)) return ignore.excludes(relative(context, full)) ? [] : [relative(context, full)];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(context, join(entry.parentPath, entry.name)))
    .filter((file) => !ignore.excludes(file));
}

function copyInto(source: string, target: string, fromContext?: { ignore: DockerIgnore; context: string }): void {
  // `dir/` would follow a link: the stage's linked node_modules must be seen as the link it is
  source = source.replace(/\/+$/, '');
  if (!existsSync(source)) throw new Error(`COPY source ${source} does not exist`);
  mkdirSync(dirname(target), { recursive: true });
  // a stage's node_modules is the checkout's own, linked: copying it (or pruning it!) is not ours to do
  if (lstatSync(source).isSymbolicLink()) {
    symlinkSync(realpathSync(source), target.replace(/\/$/, ''), 'dir');
    return;
  }
  if (!fromContext) {
    cpSync(source, target, { recursive: true });
    return;
  }
  const { ignore, context } = fromContext;
  const files = contextFiles(context, relative(context, source), ignore);
  if (files.length === 0)
    throw new Error(`COPY ${relative(context, source)}: .dockerignore leaves nothing of it in the context`);
  for (const file of files) {
    const destination = isDirectory(source) ? join(target, relative(relative(context, source), file)) : target;
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(join(context, file), destination);
  }
}

/** a folder, or a link to one (a stage's node_modules) */
function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function volumesOf(args: string[]): string[] {
  return args.map((a) => posix.resolve('/', a));
}

async function run(command: string, args: string[], cwd: string): Promise<void> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} in ${cwd} exited ${code}: ${output}`);
}
