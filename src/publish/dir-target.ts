import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST_PATH, type Manifest } from './manifest.ts';
import type { PublishTargetWriter } from './publish-target.ts';
import type { StaticFile } from './static-file.ts';

/**
 * A folder. Each file is written to a temporary name and renamed, so that a web server never serves half a file. Only
 * files the previous manifest lists are ever deleted: other files in the folder are left alone.
 */
export function dirTarget(root: string): PublishTargetWriter {
  const at = (path: string) => join(root, ...path.split('/'));
  return {
    name: `dir:${root}`,
    async current() {
      const out = new Map<string, string | undefined>();
      const manifest = await readManifest(at(MANIFEST_PATH));
      if (!manifest) return out;
      for (const path of [...Object.keys(manifest.files), MANIFEST_PATH]) {
        if (!isSafePath(path)) continue;
        const body = await readFile(at(path)).catch(() => undefined);
        if (body) out.set(path, createHash('sha256').update(body).digest('hex'));
      }
      return out;
    },
    async put(file: StaticFile) {
      const target = at(file.path);
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.pharos-tmp`;
      await writeFile(tmp, file.body);
      await rename(tmp, target);
    },
    async remove(paths) {
      for (const p of paths) if (isSafePath(p)) await rm(at(p), { force: true });
    },
  };
}

/** A manifest path that stays inside the folder (the manifest on disk may have been edited). */
function isSafePath(path: string): boolean {
  return path.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\'));
}

async function readManifest(file: string): Promise<Manifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Manifest>;
    return parsed.files && typeof parsed.files === 'object' ? (parsed as Manifest) : undefined;
  } catch {
    return undefined;
  }
}
