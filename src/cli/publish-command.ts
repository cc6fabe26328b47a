import { resolve } from 'node:path';
import { InProcessBus } from '../bus/in-process-bus.ts';
import { defaultRenderers } from '../http/public/default-renderers.ts';
import { PublicSnapshot } from '../http/public/public-snapshot.ts';
import { dirTarget } from '../publish/dir-target.ts';
import { publishTargets } from '../publish/publish-targets.ts';
import { snapshotSite } from '../publish/snapshot-site.ts';
import { StaticPublisher } from '../publish/static-publisher.ts';
import { createLogger } from '../runtime/logger.ts';
import { openStore } from '../store/open-store.ts';
import type { CliArgs } from './cli-args.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';

/** months of history written by `--out` when the config has no `publish:` section */
const DEFAULT_HISTORY_MONTHS = 12;

/**
 * pharos publish [--out DIR]: the public pages as static files, built from the store as a running Pharos would
 * serve them. With --out, into that folder; without, once to each of the config's `publish:` targets (a CronJob, a
 * deploy pipeline). Only changed files are written, and only files of an earlier publish are deleted.
 */
export async function runPublish(args: CliArgs): Promise<number> {
  const config = await loadConfigOrReport(args.config);
  if (!config) return 1;
  const out = args.options.out;
  if (!out && !config.publish) {
    console.error('pharos publish: give --out DIR, or a publish: section with targets in the config');
    return 2;
  }
  const logger = createLogger(config.logging.level === 'info' ? 'warn' : config.logging.level);
  const store = await openStore(config.storage.url);
  try {
    await store.migrate();
    const snapshot = new PublicSnapshot({
      store,
      config,
      bus: new InProcessBus(),
      logger,
      renderers: defaultRenderers,
      now: Date.now,
    });
    await snapshot.rebuild();
    if (snapshot.lastError !== undefined || snapshot.pages.size === 0) {
      console.error(`pharos publish: reading the status from the store failed: ${String(snapshot.lastError)}`);
      return 1;
    }
    const publisher = new StaticPublisher({
      targets: out ? [dirTarget(resolve(out))] : publishTargets(config.publish!.targets),
      render: snapshotSite(snapshot, config.publish?.history_months ?? DEFAULT_HISTORY_MONTHS),
      debounceMs: 0,
      retryMs: 1_000,
      maxRetryMs: 1_000,
      logger,
    });
    await publisher.publish();
    publisher.stop();
    let failed = false;
    for (const t of publisher.targets) {
      if (t.lastError !== undefined) {
        failed = true;
        console.error(`pharos publish: ${t.name}: ${t.lastError}`);
      } else console.error(`published to ${t.name}: ${t.filesPut} file(s) written, ${t.filesDeleted} deleted`);
    }
    return failed ? 1 : 0;
  } finally {
    await store.close();
  }
}
