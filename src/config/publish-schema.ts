import { z } from 'zod';
import { durationMs } from './duration-schema.ts';

/** A folder the static copy is mirrored into (served by any web server, or synced elsewhere). */
const dirTargetSchema = z
  .object({
    type: z.literal('dir'),
    path: z.string().min(1),
  })
  .strict();

/** An S3 bucket (or an S3-compatible store at `endpoint`); credentials from the standard AWS chain. */
const s3TargetSchema = z
  .object({
    type: z.literal('s3'),
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3–63 lowercase letters, digits, dots, dashes)'),
    /** key prefix inside the bucket, without leading or trailing slash ('' = the bucket root) */
    prefix: z
      .string()
      .regex(/^([A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*)?$/, 'path segments of letters, digits, dots, dashes, underscores')
      .default(''),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region like eu-west-1'),
    /** an S3-compatible store (MinIO, Ceph…): path-style requests are used */
    endpoint: z.url().optional(),
    /** a CloudFront distribution to invalidate the changed paths on */
    cloudfront_distribution_id: z
      .string()
      .regex(/^[A-Z0-9]{8,20}$/, 'a CloudFront distribution id like E2QWRUHAPOMQZL')
      .optional(),
  })
  .strict();

export const publishTargetSchema = z.discriminatedUnion('type', [dirTargetSchema, s3TargetSchema]);
export type PublishTarget = z.infer<typeof publishTargetSchema>;
export type S3PublishTarget = z.infer<typeof s3TargetSchema>;

/** Keeping a static copy of the public pages current while Pharos runs (see README "A static copy of the page"). */
export const publishSchema = z
  .object({
    targets: z.array(publishTargetSchema).min(1).max(10),
    /** wait after a rebuild before publishing, so that a burst of changes is one upload */
    debounce: durationMs({ min: 0 }).default(500),
    /** the first retry after a failed publish; doubled up to max_retry_delay */
    retry_delay: durationMs({ min: 100 }).default(2_000),
    max_retry_delay: durationMs({ min: 1_000 }).default(300_000),
    /** history months written besides the current one (links to older months then 404 on the copy) */
    history_months: z.number().int().min(0).max(36).default(12),
  })
  .strict();
export type PublishConfig = z.infer<typeof publishSchema>;
