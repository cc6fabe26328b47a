import { Annotations, ArnFormat, Duration, Fn, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { type DeployContext, type EnvironmentConfig, hostNameFor, resourcePrefix } from './environment-config.ts';
import { originFailoverRecord } from './failover-records.ts';
import { StandbyService } from './standby-service.ts';

export interface StandbyStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly context: DeployContext;
  /** ARN of the primary region's database instance */
  readonly primaryDatabaseArn: string;
  /** its instance identifier, to match its events */
  readonly primaryDatabaseId: string;
  readonly availabilityZones: readonly string[];
  /** full ARNs of the primary's database, app and server secrets: Secrets Manager keeps copies here under the same name */
  readonly primarySecretArns: { readonly database: string; readonly app: string; readonly server: string };
  /** the DR region key those copies are encrypted with (dr-stack.ts) */
  readonly secretsKey: kms.IKey;
}

/** The ARN of a secret's replica in `region`: the primary's ARN with the region swapped (name and suffix stay). */
export function arnInRegion(arn: string, region: string): string {
  const parts = Fn.split(':', arn, 7);
  return Fn.join(':', [parts[0]!, parts[1]!, parts[2]!, region, parts[4]!, parts[5]!, parts[6]!]);
}

/** The replica's identifier: the promotion function's permission names it alone. */
export function replicaIdentifier(config: EnvironmentConfig): string {
  return `${resourcePrefix(config.name)}-replica`;
}

/** STANDBY_SERVICES of the promotion function: each standby service with the primary's task count. */
export function standbyServiceCounts(config: EnvironmentConfig): string {
  const prefix = resourcePrefix(config.name);
  return [
    `${prefix}-standby-web=${config.web.desiredCount}`,
    `${prefix}-standby-worker=${config.worker.desiredCount}`,
  ].join(',');
}

/** The source the promotion function answers besides RDS's own events (a runbook step sends it). */
export const MANUAL_PROMOTE_SOURCE = 'pharos.dr';

/**
 * The DR region's warm half: a cross-region read replica of the database (RPO: the replication lag, seconds), encrypted
 * with a key of this region, the function that promotes it when RDS reports the primary failed and then scales up the
 * standby service (standby-service.ts), and the SECONDARY failover record of `origin.<host>`. The primary region
 * forwards its RDS events to this region's default bus (pharos-stack.ts), where a rule invokes the function.
 */
export class PharosStandbyStack extends Stack {
  readonly key: kms.Key;
  readonly replica: rds.CfnDBInstance;
  readonly promoteFunction: lambda.Function;
  readonly standby: StandbyService;
  readonly vpc: ec2.Vpc;
  readonly config: EnvironmentConfig;
  private readonly zones: readonly string[];

  constructor(scope: Construct, id: string, props: StandbyStackProps) {
    super(scope, id, props);
    this.zones = props.availabilityZones;
    const { config } = props;
    this.config = config;
    const prefix = resourcePrefix(config.name);
    this.key = new kms.Key(this, 'ReplicaKey', {
      alias: `alias/${prefix}-dr-replica`,
      description: `Pharos ${config.name}: the database replica in the DR region`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cidr = config.name === 'production' ? '10.61.0.0/16' : '10.41.0.0/16';
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      maxAzs: props.availabilityZones.length,
      // one NAT gateway: the standby's tasks pull images, read secrets and run checks; cheap while idle
      natGateways: 1,
      // 'data' first: appended groups keep the replica's subnets where they were
      subnetConfiguration: [
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      flowLogs: {
        all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(), trafficType: ec2.FlowLogTrafficType.REJECT },
      },
    });
    const securityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc: this.vpc,
      description: 'Pharos DR database replica: the standby tasks connect here after a promotion',
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(5432), 'Pharos tasks in the DR VPC');
    const subnets = new rds.CfnDBSubnetGroup(this, 'SubnetGroup', {
      dbSubnetGroupDescription: `Pharos ${config.name} DR replica`,
      subnetIds: this.vpc.isolatedSubnets.map((s) => s.subnetId),
    });
    this.replica = new rds.CfnDBInstance(this, 'Replica', {
      dbInstanceIdentifier: replicaIdentifier(config),
      sourceDbInstanceIdentifier: props.primaryDatabaseArn,
      dbInstanceClass: `db.${config.database.instanceType}`,
      storageEncrypted: true,
      kmsKeyId: this.key.keyArn,
      dbSubnetGroupName: subnets.ref,
      vpcSecurityGroups: [securityGroup.securityGroupId],
      publiclyAccessible: false,
      multiAz: false,
      autoMinorVersionUpgrade: true,
      deletionProtection: config.database.protect,
      copyTagsToSnapshot: true,
      enablePerformanceInsights: true,
      performanceInsightsKmsKeyId: this.key.keyArn,
    });
    this.replica.applyRemovalPolicy(config.database.protect ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY);

    const hostName = hostNameFor(config.name, props.context.domainName);
    const originHostName = `origin.${hostName}`;
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: props.context.hostedZoneId,
      zoneName: props.context.hostedZoneName,
    });
    const secret = (id: string, arn: string) =>
      secretsmanager.Secret.fromSecretCompleteArn(this, id, arnInRegion(arn, this.region));
    const databaseSecret = secret('DatabaseSecretCopy', props.primarySecretArns.database);
    this.standby = new StandbyService(this, 'Standby', {
      config,
      vpc: this.vpc,
      databaseHost: this.replica.attrEndpointAddress,
      databasePort: this.replica.attrEndpointPort,
      secrets: {
        PHAROS_DB_USER: { secret: databaseSecret, field: 'username' },
        PHAROS_DB_PASSWORD: { secret: databaseSecret, field: 'password' },
        PHAROS_METRICS_TOKEN: { secret: secret('AppSecretCopy', props.primarySecretArns.app), field: 'metricsToken' },
        // the primary's server.secret: visitors' private-page cookies and SSO sign-ins stay valid after a failover
        PHAROS_SECRET: { secret: secret('ServerSecretCopy', props.primarySecretArns.server), field: 'serverSecret' },
      },
      secretsKey: props.secretsKey,
      // resolved by CloudFormation from this region's copy at deploy time; never in the template
      originVerifySecret: SecretValue.secretsManager(`pharos/${config.name}/origin-verify`).unsafeUnwrap(),
      zone,
      originHostName,
      cloudFrontPrefixListId: props.context.drCloudFrontPrefixListId,
      imageTag: props.context.imageTag,
      baseUrl: `https://${hostName}`,
      desiredCount: props.context.standbyDesiredCount,
    });
    if (props.context.route53Failover) {
      originFailoverRecord(this, 'OriginFailoverSecondary', {
        env: config.name,
        zone,
        originHostName,
        alb: this.standby.loadBalancer.alb,
        role: 'secondary',
      });
    } else {
      Annotations.of(this).addInfo(
        `route53Failover=false: no failover records for ${originHostName}; after a promotion point that name at the standby ALB by hand (docs/runbooks/region-failover.md)`,
      );
    }

    const replicaArn = this.formatArn({
      service: 'rds',
      resource: 'db',
      resourceName: replicaIdentifier(config),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const logGroup = new logs.LogGroup(this, 'PromoteLogs', {
      retention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.promoteFunction = new lambda.Function(this, 'PromoteReplica', {
      description: `Promotes the Pharos ${config.name} database replica when the primary fails`,
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(new URL('../lambda/promote-replica', import.meta.url).pathname),
      timeout: Duration.seconds(30),
      environment: {
        REPLICA_ID: replicaIdentifier(config),
        STANDBY_CLUSTER: this.standby.cluster.clusterName,
        // after the promotion the standby runs what the primary ran
        STANDBY_SERVICES: standbyServiceCounts(config),
      },
      logGroup,
      reservedConcurrentExecutions: 1,
    });
    // scoped to this replica: the function can promote nothing else
    this.promoteFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['rds:PromoteReadReplica', 'rds:DescribeDBInstances'],
        resources: [replicaArn],
      }),
    );
    // scoped to the two standby services: the function can scale nothing else
    this.promoteFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ecs:UpdateService'],
        resources: Object.values(this.standby.services).map((s) => s.serviceArn),
      }),
    );
    new events.Rule(this, 'PrimaryFailed', {
      ruleName: `${prefix}-primary-database-failed`,
      description: `RDS reports the Pharos ${config.name} primary database failed (forwarded from its region), or a runbook asks`,
      eventPattern: {
        source: ['aws.rds', MANUAL_PROMOTE_SOURCE],
        detailType: ['RDS DB Instance Event', 'Pharos promote replica'],
        detail: { SourceIdentifier: [props.primaryDatabaseId, replicaIdentifier(config)] },
      },
      targets: [new targets.LambdaFunction(this.promoteFunction, { retryAttempts: 4 })],
    });
  }

  override get availabilityZones(): string[] {
    return [...this.zones];
  }
}
