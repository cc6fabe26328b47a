// Bundles Pharos's TypeScript into dist/ with esbuild (dependencies stay external): faster start and ~50 MB less
// memory than compiling on the fly with tsx. Runs on `npm ci` (prepare) and `npm run build`.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// src/web/assets/index.ts reads these next to itself; in the bundle, "itself" is dist/.
for (const file of ['pharos.css', 'pharos.js']) copyFileSync(`src/web/assets/${file}`, `dist/${file}`);

// src/web/admin/admin-assets.ts reads ./admin-static/* next to itself: dist/admin-static/ in the bundle.
mkdirSync('dist/admin-static', { recursive: true });
for (const file of readdirSync('src/web/admin/admin-static'))
  copyFileSync(`src/web/admin/admin-static/${file}`, `dist/admin-static/${file}`);
