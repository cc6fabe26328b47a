import type { PublishConfig } from '../config/publish-schema.ts';
import type { PublicSnapshot } from '../http/public/public-snapshot.ts';
import type { Logger } from '../runtime/logger.ts';
import { publishTargets } from './publish-targets.ts';
import type { S3TargetDeps } from './s3-target.ts';
import { snapshotSite } from './snapshot-site.ts';
import { StaticPublisher } from './static-publisher.ts';

/**
 * `publish:` while Pharos runs: a publisher fed by the snapshot's rebuilt notification (and once now, for what changed
 * while Pharos was stopped). Returns at once: the first publish runs in the background.
 */
export function startPublishing(
  config: PublishConfig,
  snapshot: PublicSnapshot,
  deps: { logger: Logger; now?: () => number; s3?: S3TargetDeps },
): { publisher: StaticPublisher; stop(): void } {
  const publisher = new StaticPublisher({
    targets: publishTargets(config.targets, deps.s3),
    render: snapshotSite(snapshot, config.history_months),
    debounceMs: config.debounce,
    retryMs: config.retry_delay,
    maxRetryMs: config.max_retry_delay,
    logger: deps.logger,
    now: deps.now,
  });
  const unsubscribe = snapshot.onChange(() => publisher.changed());
  publisher.changed();
  return { publisher, stop: () => (unsubscribe(), publisher.stop()) };
}
