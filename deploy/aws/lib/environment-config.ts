/** What differs between staging and production; everything else is the same code path. */

export const environmentNames = ['staging', 'production'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

export const PRIMARY_REGION = 'eu-west-1';
/** Backup copies land here (AWS Backup copy action into a vault of the DR stack). */
export const DR_REGION = 'eu-central-1';
/** The DR region's zones, listed so that synth never asks AWS. */
export const DR_AVAILABILITY_ZONES = ['eu-central-1a', 'eu-central-1b'] as const;
/** CloudFront only accepts ACM certificates and CLOUDFRONT-scope WAF web ACLs from us-east-1. */
export const EDGE_REGION = 'us-east-1';

export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  /** Explicit AZ list: the stack never asks AWS which zones exist (synth stays offline). */
  readonly availabilityZones: readonly string[];
  readonly vpcCidr: string;
  /** 1 = a single shared NAT gateway (cheap, one AZ failure cuts egress); = AZ count for production. */
  readonly natGateways: number;
  readonly web: ServiceSize & { readonly maxCount: number };
  readonly worker: ServiceSize & { readonly maxCount: number };
  readonly database: {
    readonly instanceType: string;
    readonly allocatedStorageGiB: number;
    readonly maxAllocatedStorageGiB: number;
    readonly backupRetentionDays: number;
    /** alarm above this many connections (~80% of the instance class's default max_connections) */
    readonly connectionsAlarm: number;
    /** production: deletion protection on and a final snapshot when the stack deletes the instance */
    readonly protect: boolean;
  };
  readonly redis: { readonly nodeType: string; readonly replicasPerShard: number };
  /** days CloudWatch keeps application and flow logs */
  readonly logRetentionDays: number;
  /** AWS Backup: daily recovery points kept this long, in both regions */
  readonly backupPlanRetentionDays: number;
}

interface ServiceSize {
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
}

export const environmentConfigs: Readonly<Record<EnvironmentName, EnvironmentConfig>> = {
  staging: {
    name: 'staging',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    vpcCidr: '10.40.0.0/16',
    natGateways: 1,
    web: { cpu: 512, memoryMiB: 1024, desiredCount: 2, maxCount: 4 },
    worker: { cpu: 512, memoryMiB: 1024, desiredCount: 1, maxCount: 2 },
    database: {
      instanceType: 't4g.medium',
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 100,
      backupRetentionDays: 7,
      connectionsAlarm: 350,
      protect: false,
    },
    redis: { nodeType: 'cache.t4g.small', replicasPerShard: 1 },
    logRetentionDays: 30,
    backupPlanRetentionDays: 14,
  },
  production: {
    name: 'production',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    vpcCidr: '10.50.0.0/16',
    natGateways: 3,
    web: { cpu: 1024, memoryMiB: 2048, desiredCount: 3, maxCount: 12 },
    worker: { cpu: 1024, memoryMiB: 2048, desiredCount: 2, maxCount: 6 },
    database: {
      instanceType: 'm7g.large',
      allocatedStorageGiB: 100,
      maxAllocatedStorageGiB: 500,
      backupRetentionDays: 35,
      connectionsAlarm: 700,
      protect: true,
    },
    redis: { nodeType: 'cache.t4g.medium', replicasPerShard: 2 },
    logRetentionDays: 90,
    backupPlanRetentionDays: 35,
  },
};

/** Values that come from `cdk.json` context (or `-c key=value`), shared by both environments. */
export interface DeployContext {
  readonly domainName: string;
  readonly hostedZoneId: string;
  readonly hostedZoneName: string;
  readonly alarmEmail: string;
  readonly imageTag: string;
  /**
   * The AWS-managed prefix list "com.amazonaws.global.cloudfront.origin-facing" in the primary region;
   * the ALB only admits CloudFront's origin-facing addresses (no lookup: the ID is per region).
   */
  readonly cloudFrontPrefixListId: string;
  /** Monthly cost budget (USD) per environment: `stagingBudgetUsd`, `productionBudgetUsd`. */
  readonly budgetUsd: Record<EnvironmentName, number>;
  /** a topic for Pharos's own `type: sns` notification channel (context `pharosSnsChannel`, default true) */
  readonly snsChannel: boolean;
  /** the same prefix list in the DR region, for the standby ALB (context `drCloudFrontPrefixListId`) */
  readonly drCloudFrontPrefixListId: string;
  /** tasks per standby service before a failover, 0 or 1 (context `standbyDesiredCount`, default 0) */
  readonly standbyDesiredCount: 0 | 1;
  /**
   * Route 53 failover records for `origin.<host>` in the hosted zone: the primary ALB, then the standby's (context
   * `route53Failover`, default true; false keeps a plain record and the standby is reached by the runbook's DNS step)
   */
  readonly route53Failover: boolean;
}

/** Host name of one environment: production serves the apex of `domainName`, staging a `staging.` prefix. */
export function hostNameFor(env: EnvironmentName, domainName: string): string {
  return env === 'production' ? domainName : `staging.${domainName}`;
}

/** `pharos-<env>` is the prefix of every named resource (cluster, alarms, topic, DB identifier). */
export function resourcePrefix(env: EnvironmentName): string {
  return `pharos-${env}`;
}
