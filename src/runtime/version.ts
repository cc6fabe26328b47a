import { readFileSync } from 'node:fs';

/** Pharos's version, from package.json (the bundle carries it next to dist/, the source next to src/). */
function readVersion(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // try the next place
    }
  }
  return '0.0.0';
}

export const PHAROS_VERSION = readVersion();
