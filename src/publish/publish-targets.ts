import type { PublishTarget } from '../config/publish-schema.ts';
import { dirTarget } from './dir-target.ts';
import type { PublishTargetWriter } from './publish-target.ts';
import { s3Target, type S3TargetDeps } from './s3-target.ts';

/** One writer per configured target. */
export function publishTargets(targets: readonly PublishTarget[], deps: S3TargetDeps = {}): PublishTargetWriter[] {
  return targets.map((t) => (t.type === 'dir' ? dirTarget(t.path) : s3Target(t, deps)));
}
