// The library entry point (dist/index.mjs): what benchmarks and embedders use.
export { startPharos, type RunningPharos, type StartOptions } from './runtime/start-pharos.ts';
export { configSchema, type PharosConfig } from './config/schema.ts';
export { loadConfigFile, parseConfigText } from './config/load-config.ts';
export { createLogger } from './runtime/logger.ts';
export { openStore } from './store/open-store.ts';
