import { openStore } from '../store/open-store.ts';
import type { CliArgs } from './cli-args.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';

export async function runMigrate(args: CliArgs): Promise<number> {
  const config = await loadConfigOrReport(args.config);
  if (!config) return 1;
  const store = await openStore(config.storage.url);
  try {
    const before = await store.pendingMigrations();
    await store.migrate();
    console.log(`${store.dialect}: applied ${before} migration(s); schema is current`);
    return 0;
  } finally {
    await store.close();
  }
}
