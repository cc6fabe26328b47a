import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';

/** Open (and migrate) the store of a config file for a one-off command; closed afterwards. 1 when the config is bad. */
export async function withStore(configFile: string, fn: (store: Store) => Promise<number>): Promise<number> {
  const config = await loadConfigOrReport(configFile);
  if (!config) return 1;
  const store = await openStore(config.storage.url);
  try {
    await store.migrate();
    return await fn(store);
  } finally {
    await store.close();
  }
}
