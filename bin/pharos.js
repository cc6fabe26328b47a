#!/usr/bin/env node
// The `pharos` command: the bundled build when present (npm ci builds it), else the TypeScript through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.mjs', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
