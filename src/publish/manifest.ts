import { staticFile, type StaticFile } from './static-file.ts';

export const MANIFEST_PATH = 'manifest.json';

/** The manifest of the static copy: every file's content hash, size and type, in path order. */
export interface Manifest {
  files: Record<string, { sha256: string; size: number; contentType: string }>;
}

/** manifest.json itself: never cached (it is what a mirror compares to know what changed). */
export function renderManifest(files: readonly StaticFile[]): StaticFile {
  const manifest: Manifest = {
    files: Object.fromEntries(
      files.map((f) => [f.path, { sha256: f.sha256, size: f.body.length, contentType: f.contentType }]),
    ),
  };
  return staticFile(
    MANIFEST_PATH,
    `${JSON.stringify(manifest, null, 1)}\n`,
    'application/json; charset=utf-8',
    'no-cache',
  );
}
