import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { URL_UNSAFE_CHARACTERS } from './data.ts';
import { DR_REGION, type EnvironmentConfig, resourcePrefix } from './environment-config.ts';
import { originFailoverRecord, primaryOriginHealthCheck } from './failover-records.ts';
import { LoadBalancer, ORIGIN_VERIFY_HEADER } from './load-balancer.ts';
import { StaticCopy } from './static-copy.ts';

export interface EdgeProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly albSecurityGroup: ec2.ISecurityGroup;
  readonly hostName: string;
  readonly hostedZoneId: string;
  readonly hostedZoneName: string;
  /** us-east-1 certificate and CLOUDFRONT web ACL from the edge stack */
  readonly cloudFrontCertificate: acm.ICertificate;
  readonly webAclArn: string;
  readonly dataKey: kms.IKey;
  /** the DR region's key: the origin-verify secret is replicated there for the standby ALB */
  readonly drKeyArn: string;
  /** make `origin.<host>` the PRIMARY of a Route 53 failover pair (the standby stack adds the SECONDARY) */
  readonly originFailover: boolean;
}

/** Paths CloudFront must never cache: the admin UI, the admin API, the SSE stream, push check-ins. */
export const uncachedPathPatterns = ['/admin*', '/api/v1/*', '/api/v2/stream*', '/api/push/*'] as const;

/**
 * Public routes that POST (subscribe forms, private-page sign-in): served by the load balancer only, uncached. The
 * default behaviour falls back to the static copy, and an origin group takes GET and HEAD only.
 */
export const liveOnlyPathPatterns = [
  '/subscribe*',
  '/subscribers/*',
  '/api/v2/subscribers',
  '/_access*',
  '/*/_access*',
] as const;

/** The load balancer's answers on which CloudFront serves the static copy instead. */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504] as const;

/** CloudFront in front of the ALB, the ALB itself, and the Route 53 names of both. */
export class Edge extends Construct {
  readonly loadBalancer: LoadBalancer;
  readonly distribution: cloudfront.Distribution;
  readonly accessLogs: s3.Bucket;
  readonly originVerifySecret: secretsmanager.Secret;
  readonly staticCopy: StaticCopy;
  /** no healthy web target behind the primary ALB: the failover health check follows it (absent without failover) */
  readonly noHealthyTargetsAlarm: cloudwatch.Alarm | undefined;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const prefix = resourcePrefix(props.config.name);
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: props.hostedZoneId,
      zoneName: props.hostedZoneName,
    });
    const originHostName = `origin.${props.hostName}`;

    // ALB and CloudFront standard logs: SSE-S3 (ALB log delivery cannot use KMS) and ACLs for CloudFront.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      versioned: false,
      lifecycleRules: [{ expiration: Duration.days(props.config.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const originVerify = (this.originVerifySecret = new secretsmanager.Secret(this, 'OriginVerify', {
      secretName: `pharos/${props.config.name}/origin-verify`,
      description: 'Header value CloudFront adds to origin requests; the ALB forwards only requests carrying it',
      encryptionKey: props.dataKey,
      generateSecretString: { passwordLength: 48, excludeCharacters: URL_UNSAFE_CHARACTERS },
      replicaRegions: [{ region: DR_REGION, encryptionKey: kms.Key.fromKeyArn(this, 'DrKey', props.drKeyArn) }],
    }));
    // A dynamic reference: CloudFormation resolves it at deploy time, the template never holds the value.
    const originVerifyValue = originVerify.secretValue.unsafeUnwrap();

    this.loadBalancer = new LoadBalancer(this, 'LoadBalancer', {
      env: props.config.name,
      vpc: props.vpc,
      securityGroup: props.albSecurityGroup,
      zone,
      originHostName,
      originVerifySecret: originVerifyValue,
      accessLogs: this.accessLogs,
    });

    const origin = new origins.HttpOrigin(originHostName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_VERIFY_HEADER]: originVerifyValue },
      readTimeout: Duration.seconds(60),
      keepaliveTimeout: Duration.seconds(60),
    });
    // Public pages and JSON carry `Cache-Control: public, max-age=10`: CloudFront follows the origin,
    // capped at 60 s. Private pages answer `private, no-store` and are never stored.
    const shortCache = new cloudfront.CachePolicy(this, 'PublicShortCache', {
      cachePolicyName: `${prefix}-public-short`,
      comment: 'Pharos public pages and JSON: follow the origin, at most 60 s',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(10),
      maxTtl: Duration.seconds(60),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Cookies reach the origin (private pages check their access cookie) without entering the cache key.
    const forwardCookies = new cloudfront.OriginRequestPolicy(this, 'ForwardCookies', {
      originRequestPolicyName: `${prefix}-forward-cookies`,
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.all(),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.none(),
    });
    const uncached: cloudfront.BehaviorOptions = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
    };

    // the page outlives the region: when the load balancer fails, CloudFront serves the copy Pharos keeps in S3
    this.staticCopy = new StaticCopy(this, 'StaticCopy', { accessLogs: this.accessLogs, env: props.config.name });
    const withFallback = new origins.OriginGroup({
      primaryOrigin: origin,
      fallbackOrigin: this.staticCopy.origin,
      fallbackStatusCodes: [...FAILOVER_STATUS_CODES],
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Pharos ${props.config.name}`,
      domainNames: [props.hostName],
      certificate: props.cloudFrontCertificate,
      webAclId: props.webAclArn,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      sslSupportMethod: cloudfront.SSLMethod.SNI,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.accessLogs,
      logFilePrefix: `cloudfront/${props.config.name}/`,
      defaultBehavior: {
        origin: withFallback,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // an origin group takes GET and HEAD only: what POSTs has its own behaviours (liveOnlyPathPatterns)
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        cachePolicy: shortCache,
        originRequestPolicy: forwardCookies,
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(
        [...uncachedPathPatterns, ...liveOnlyPathPatterns].map((pattern) => [pattern, uncached]),
      ),
    });

    const cloudFrontTarget = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
    new route53.ARecord(this, 'Alias', { zone, recordName: props.hostName, target: cloudFrontTarget });
    new route53.AaaaRecord(this, 'AliasV6', { zone, recordName: props.hostName, target: cloudFrontTarget });
    if (props.originFailover) {
      const { healthCheck, alarm } = primaryOriginHealthCheck(
        this,
        props.config.name,
        this.loadBalancer.webTargetGroup,
      );
      this.noHealthyTargetsAlarm = alarm;
      originFailoverRecord(this, 'OriginFailoverPrimary', {
        env: props.config.name,
        zone,
        originHostName,
        alb: this.loadBalancer.alb,
        role: 'primary',
        healthCheck,
      });
    } else {
      new route53.ARecord(this, 'OriginAlias', {
        zone,
        recordName: originHostName,
        target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(this.loadBalancer.alb)),
      });
    }
  }
}
