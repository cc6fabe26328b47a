import type { StaticFile } from './static-file.ts';

/**
 * Where a static copy goes: a folder or an S3 bucket. The publisher asks what is there once, then keeps its own account
 * of what it wrote; a target only reads, writes and deletes files.
 */
export interface PublishTargetWriter {
  /** for logs, /readyz and metric labels: `dir:/srv/status`, `s3://bucket/prefix` */
  readonly name: string;
  /** every file the target holds now, by path, with its SHA-256 when known (undefined: unknown, rewrite it) */
  current(): Promise<Map<string, string | undefined>>;
  put(file: StaticFile): Promise<void>;
  remove(paths: readonly string[]): Promise<void>;
  /** tell the CDN in front that these viewer paths changed (absent: nothing in front) */
  invalidate?(viewerPaths: readonly string[]): Promise<void>;
}
