// `npm start`: the demo targets on 127.0.0.1, then Pharos on examples/pharos.yaml (SQLite, in-process bus).
import { startDemoTargets } from './demo-targets.ts';

await startDemoTargets();
process.argv = [
  process.argv[0]!,
  'pharos',
  'start',
  '--config',
  new URL('./pharos.yaml', import.meta.url).pathname,
  ...process.argv.slice(2),
];
await import('../src/cli/main.ts');
