import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { HEALTH_COMMAND, type PharosRole } from './compute.ts';
import { type EnvironmentConfig, resourcePrefix } from './environment-config.ts';
import { LoadBalancer } from './load-balancer.ts';

/**
 * The standby runs without Redis: with no `bus.redis` and a PostgreSQL store, Pharos's replicas tell each other about
 * changes through LISTEN/NOTIFY (src/config/bus-schema.ts), and caches rebuild from the database. The image's config
 * requires PHAROS_REDIS_URL under `bus:`, so the start command drops that block into a copy first.
 */
export const STANDBY_START_SCRIPT = [
  "awk '/^bus:/ { skip = 1; next } /^[^ #]/ { skip = 0 } !skip' /etc/pharos/pharos.yaml > /tmp/pharos.yaml",
  'export PHAROS_DATABASE_URL="postgres://$PHAROS_DB_USER:$PHAROS_DB_PASSWORD@$PHAROS_DB_HOST:$PHAROS_DB_PORT/pharos?sslmode=no-verify"',
  'exec node bin/pharos.js start --config /tmp/pharos.yaml --role "$PHAROS_ROLE"',
].join('\n');

export interface StandbyServiceProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  /** the replica's endpoint: writable once promoted */
  readonly databaseHost: string;
  readonly databasePort: string;
  /**
   * Variables read from the copies of the primary's secrets that Secrets Manager keeps in this region (data.ts):
   * the same names and fields the primary's tasks read (compute.ts), Redis's token aside.
   */
  readonly secrets: Readonly<Record<string, { readonly secret: secretsmanager.ISecret; readonly field: string }>>;
  /** the DR region key those copies are encrypted with */
  readonly secretsKey: kms.IKey;
  /** `{{resolve:secretsmanager:…}}` of the origin-verify copy: CloudFront sends the same header to either ALB */
  readonly originVerifySecret: string;
  readonly zone: route53.IHostedZone;
  readonly originHostName: string;
  readonly cloudFrontPrefixListId: string;
  readonly imageTag: string;
  readonly baseUrl: string;
  /** tasks per service before a failover: 0 (cold, the default) or 1 (warm) */
  readonly desiredCount: 0 | 1;
}

/**
 * The DR region's copy of the primary's web and worker services: the same image, sizes and container shape
 * (compute.ts), pointed at the replica, behind an ALB that only CloudFront reaches. It idles at `desiredCount` until
 * the promotion function (or the region-failover runbook) scales it to the primary's counts.
 */
export class StandbyService extends Construct {
  readonly cluster: ecs.Cluster;
  readonly services: Record<PharosRole, ecs.FargateService>;
  readonly loadBalancer: LoadBalancer;
  readonly accessLogs: s3.Bucket;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: StandbyServiceProps,
  ) {
    super(scope, id);
    const { config, vpc } = props;
    const prefix = resourcePrefix(config.name);
    const albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', {
      vpc,
      description: 'Standby ALB: HTTPS from CloudFront origin-facing addresses only',
      allowAllOutbound: false,
    });
    const appSecurityGroup = new ec2.SecurityGroup(this, 'AppSecurityGroup', {
      vpc,
      description: 'Standby Pharos tasks: port 3000 from the standby ALB only',
      allowAllOutbound: false,
    });
    albSecurityGroup.addIngressRule(
      ec2.Peer.prefixList(props.cloudFrontPrefixListId),
      ec2.Port.tcpRange(80, 443),
      'HTTP (redirect) and HTTPS from CloudFront origin-facing addresses',
    );
    albSecurityGroup.addEgressRule(appSecurityGroup, ec2.Port.tcp(3000), 'to Pharos tasks');
    appSecurityGroup.addIngressRule(albSecurityGroup, ec2.Port.tcp(3000), 'from the ALB');
    appSecurityGroup.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(5432), 'to the replica');
    appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS: checks, AWS endpoints');
    appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP checks');
    appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(53), 'DNS checks (TCP)');
    appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.udp(53), 'DNS checks (UDP)');

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.loadBalancer = new LoadBalancer(this, 'LoadBalancer', {
      env: config.name,
      vpc,
      securityGroup: albSecurityGroup,
      zone: props.zone,
      originHostName: props.originHostName,
      originVerifySecret: props.originVerifySecret,
      accessLogs: this.accessLogs,
    });

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: `${prefix}-standby`,
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const web = this.service('web', appSecurityGroup);
    const worker = this.service('worker', appSecurityGroup);
    web.attachToApplicationTargetGroup(this.loadBalancer.webTargetGroup);
    this.services = { web, worker };
  }

  private service(role: PharosRole, securityGroup: ec2.ISecurityGroup): ecs.FargateService {
    const { config } = this.props;
    const size = config[role];
    const prefix = resourcePrefix(config.name);
    const taskDefinition = new ecs.FargateTaskDefinition(this, `${role}Task`, {
      family: `${prefix}-standby-${role}`,
      cpu: size.cpu,
      memoryLimitMiB: size.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    const logGroup = new logs.LogGroup(this, `${role}Logs`, {
      logGroupName: `/pharos/${config.name}/standby-${role}`,
      retention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // ECR replication keeps the repository's images in this region too (deploy/aws/README.md)
    const repository = ecr.Repository.fromRepositoryName(this, `${role}Repository`, 'pharos');
    taskDefinition.addContainer('pharos', {
      image: ecs.ContainerImage.fromEcrRepository(repository, this.props.imageTag),
      command: ['sh', '-c', STANDBY_START_SCRIPT],
      portMappings: [{ containerPort: 3000, name: 'http' }],
      environment: {
        PHAROS_ROLE: role,
        PHAROS_BASE_URL: this.props.baseUrl,
        PHAROS_DB_HOST: this.props.databaseHost,
        PHAROS_DB_PORT: this.props.databasePort,
        PHAROS_TRUST_PROXY: '2',
        NODE_ENV: 'production',
      },
      secrets: Object.fromEntries(
        Object.entries(this.props.secrets).map(([name, { secret, field }]) => [
          name,
          ecs.Secret.fromSecretsManager(secret, field),
        ]),
      ),
      healthCheck: {
        command: ['CMD-SHELL', HEALTH_COMMAND],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
      stopTimeout: Duration.seconds(30),
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: role, mode: ecs.AwsLogDriverMode.NON_BLOCKING }),
    });
    this.props.secretsKey.grantDecrypt(taskDefinition.obtainExecutionRole());

    return new ecs.FargateService(this, `${role}Service`, {
      serviceName: `${prefix}-standby-${role}`,
      cluster: this.cluster,
      taskDefinition,
      desiredCount: this.props.desiredCount,
      securityGroups: [securityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      enableExecuteCommand: false,
      healthCheckGracePeriod: role === 'web' ? Duration.seconds(60) : undefined,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
  }
}
