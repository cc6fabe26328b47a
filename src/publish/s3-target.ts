import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { S3PublishTarget } from '../config/publish-schema.ts';
import { MANIFEST_PATH, type Manifest } from './manifest.ts';
import type { PublishTargetWriter } from './publish-target.ts';

/** S3 deletes at most 1000 keys per DeleteObjects call. */
const DELETE_CHUNK = 1000;

export interface S3TargetDeps {
  /** for tests; absent: the standard AWS chain (environment, profile, web identity, ECS task role, instance role) */
  credentials?: AwsCredentialIdentity;
  /** for tests: the CloudFront API's address */
  cloudfrontEndpoint?: string;
  now?: () => number;
}

/**
 * An S3 bucket under a prefix. What the bucket holds is read once with ListObjectsV2, and the hashes from the
 * manifest there (a key not in it is rewritten); then only changed files are put, each with its Content-Type and
 * Cache-Control. Objects under the prefix that the site does not have are deleted: the prefix belongs to Pharos.
 */
export function s3Target(config: S3PublishTarget, deps: S3TargetDeps = {}): PublishTargetWriter {
  const s3 = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
    ...(deps.credentials ? { credentials: deps.credentials } : {}),
    maxAttempts: 2,
  });
  const keyOf = (path: string) => (config.prefix ? `${config.prefix}/${path}` : path);
  const pathOf = (key: string) => (config.prefix ? key.slice(config.prefix.length + 1) : key);
  /**
   * A page is also written under its folder's own keys (`incidents/x` and `incidents/x/`, the root as `<prefix>/`):
   * CloudFront asks the bucket for the viewer's path as is when it falls back from the load balancer, and the live
   * URLs have no `index.html` in them.
   */
  const aliasesOf = (path: string): string[] => {
    if (path === 'index.html') return config.prefix ? [`${config.prefix}/`] : [];
    if (!path.endsWith('/index.html')) return [];
    const dir = keyOf(path.slice(0, -'/index.html'.length));
    return [dir, `${dir}/`];
  };
  const distribution = config.cloudfront_distribution_id;
  const cloudfront =
    distribution &&
    new CloudFrontClient({
      region: 'us-east-1',
      ...(deps.cloudfrontEndpoint ? { endpoint: deps.cloudfrontEndpoint } : {}),
      ...(deps.credentials ? { credentials: deps.credentials } : {}),
    });
  const now = deps.now ?? Date.now;
  return {
    name: `s3://${config.bucket}${config.prefix ? `/${config.prefix}` : ''}`,
    async current() {
      const out = new Map<string, string | undefined>();
      const keys = new Set<string>();
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: config.bucket,
            Prefix: config.prefix ? `${config.prefix}/` : undefined,
            ContinuationToken: token,
          }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.add(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      // the folder aliases go with their page: written and deleted with it
      for (const key of keys) {
        const isAlias = key.endsWith('/') || keys.has(`${key}/index.html`);
        if (!isAlias) out.set(pathOf(key), undefined);
      }
      if (out.has(MANIFEST_PATH)) {
        const manifest = await readManifest(s3, config.bucket, keyOf(MANIFEST_PATH));
        for (const [path, entry] of Object.entries(manifest?.files ?? {}))
          if (out.has(path)) out.set(path, entry.sha256);
      }
      return out;
    },
    async put(file) {
      for (const key of [keyOf(file.path), ...aliasesOf(file.path)])
        await s3.send(
          new PutObjectCommand({
            Bucket: config.bucket,
            Key: key,
            Body: file.body,
            ContentType: file.contentType,
            CacheControl: file.cacheControl,
            Metadata: { sha256: file.sha256 },
          }),
        );
    },
    async remove(paths) {
      const keys = paths.flatMap((p) => [keyOf(p), ...aliasesOf(p)]);
      for (let i = 0; i < keys.length; i += DELETE_CHUNK) {
        const chunk = keys.slice(i, i + DELETE_CHUNK);
        const res = await s3.send(
          new DeleteObjectsCommand({
            Bucket: config.bucket,
            Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failed = res.Errors ?? [];
        if (failed.length > 0)
          throw new Error(`S3 did not delete ${failed.length} object(s): ${failed[0]!.Key} (${failed[0]!.Code})`);
      }
    },
    ...(cloudfront && distribution
      ? {
          async invalidate(viewerPaths: readonly string[]) {
            await cloudfront.send(
              new CreateInvalidationCommand({
                DistributionId: distribution,
                InvalidationBatch: {
                  CallerReference: `pharos-${now()}`,
                  Paths: { Quantity: viewerPaths.length, Items: [...viewerPaths] },
                },
              }),
            );
          },
        }
      : {}),
  };
}

async function readManifest(s3: S3Client, bucket: string, key: string): Promise<Manifest | undefined> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const parsed = JSON.parse((await res.Body?.transformToString()) ?? '') as Partial<Manifest>;
    return parsed.files && typeof parsed.files === 'object' ? (parsed as Manifest) : undefined;
  } catch (err) {
    if (err instanceof NoSuchKey || err instanceof SyntaxError) return undefined;
    throw err;
  }
}
