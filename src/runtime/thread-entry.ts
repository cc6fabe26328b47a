/** Where a worker thread's code is: beside its source file (tsx), beside the bundle in dist/ once built. */
export interface ThreadEntry {
  url: URL;
  /** node options of the thread; undefined: the process's own */
  execArgv?: string[];
}

/**
 * `source` is the thread's TypeScript file (from the caller's `import.meta.url`), `bundled` its name in dist/ (an
 * entry point of scripts/build.mjs). In the bundle this module is inlined into dist/index.mjs or dist/cli.mjs.
 */
export function threadEntry(source: URL, bundled: string): ThreadEntry {
  const fromSource = import.meta.url.endsWith('.ts');
  if (!fromSource) return { url: new URL(`./${bundled}`, import.meta.url) };
  // a thread inherits the process's options: when they already load tsx, the thread compiles TypeScript too
  const loadsTsx = process.execArgv.some((arg) => arg.includes('tsx'));
  return { url: source, execArgv: loadsTsx ? undefined : [...process.execArgv, '--import', 'tsx'] };
}
