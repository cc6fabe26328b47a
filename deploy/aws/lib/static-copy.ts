import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Key prefix the web tasks publish under (`publish: targets: [{ type: s3, prefix: site }]`). */
export const STATIC_COPY_PREFIX = 'site';

/**
 * The bucket Pharos publishes its static copy into (`publish:`, src/publish), read by CloudFront only (origin access
 * control), and the origin CloudFront falls back to when the load balancer answers 5xx or not at all.
 */
export class StaticCopy extends Construct {
  readonly bucket: s3.Bucket;
  readonly origin: cloudfront.IOrigin;

  constructor(scope: Construct, id: string, props: { readonly accessLogs: s3.IBucket; readonly env: string }) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      // SSE-S3: CloudFront's origin access control reads it without a key policy; nothing in it is private
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(7) }],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: `static-copy/${props.env}/`,
      // the copy is rebuilt by the next publish
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    this.origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originPath: `/${STATIC_COPY_PREFIX}`,
    });
  }
}
