import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Data } from './data.ts';
import { type EnvironmentConfig, resourcePrefix } from './environment-config.ts';
import { ADOT_COLLECTOR_IMAGE, adotCollectorConfig } from './metrics-sidecar.ts';

export type PharosRole = 'web' | 'worker';

export interface ComputeProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly appSecurityGroup: ec2.ISecurityGroup;
  readonly data: Data;
  readonly logsKey: kms.IKey;
  readonly imageTag: string;
  readonly baseUrl: string;
  readonly webTargetGroup: elbv2.ApplicationTargetGroup;
  /** the config file in the image the tasks start with (awsConfigFile) */
  readonly configFile: string;
}

/**
 * The image's AWS config (deploy/docker/aws.yaml): pharos.yaml plus the static copy's `publish:` target and the `sns`
 * channel. Without the channel's topic (context pharosSnsChannel=false) the same file without `notifications:`.
 */
export function awsConfigFile(snsChannel: boolean): string {
  return snsChannel ? '/etc/pharos/aws.yaml' : '/etc/pharos/aws-without-sns.yaml';
}

/**
 * The secrets arrive as separate fields (ECS injects one JSON field per variable); the image's
 * config file ($PHAROS_CONFIG, awsConfigFile) reads PHAROS_DATABASE_URL and PHAROS_REDIS_URL, so the
 * start command assembles both.
 * Generated passwords and tokens hold no punctuation (data.ts), so no URL-encoding is needed.
 * sslmode=no-verify: TLS is required by RDS, but Node does not trust the RDS CA out of the box.
 */
// `$NAME` rather than `${NAME}`: CloudFormation's linter reads `${…}` as a template parameter.
export const START_SCRIPT = [
  'export PHAROS_DATABASE_URL="postgres://$PHAROS_DB_USER:$PHAROS_DB_PASSWORD@$PHAROS_DB_HOST:$PHAROS_DB_PORT/pharos?sslmode=no-verify"',
  'export PHAROS_REDIS_URL="rediss://:$PHAROS_REDIS_AUTH_TOKEN@$PHAROS_REDIS_HOST:6379"',
  'exec node bin/pharos.js start --config "$PHAROS_CONFIG" --role "$PHAROS_ROLE"',
].join('\n');

/** Liveness inside the task: Node 24 has fetch, so the image needs no curl. */
export const HEALTH_COMMAND =
  'node -e "fetch(\'http://127.0.0.1:3000/healthz\').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"';

/** ECS Fargate cluster with the web (behind the ALB) and worker (no load balancer) services. */
export class Compute extends Construct {
  readonly cluster: ecs.Cluster;
  readonly services: Record<PharosRole, ecs.FargateService>;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ComputeProps,
  ) {
    super(scope, id);
    const prefix = resourcePrefix(props.config.name);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: prefix,
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const metricsLogGroup = this.logGroup('MetricsLogs', `/pharos/${props.config.name}/metrics`);
    const web = this.service('web', metricsLogGroup);
    const worker = this.service('worker', metricsLogGroup);
    this.services = { web, worker };

    web.attachToApplicationTargetGroup(props.webTargetGroup);
    const webScaling = web.autoScaleTaskCount({
      minCapacity: props.config.web.desiredCount,
      maxCapacity: props.config.web.maxCount,
    });
    webScaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    webScaling.scaleOnRequestCount('Requests', {
      requestsPerTarget: 1000,
      targetGroup: props.webTargetGroup,
    });
    // Workers share the monitors through leases: more workers spread checks, CPU is the signal.
    worker
      .autoScaleTaskCount({ minCapacity: props.config.worker.desiredCount, maxCapacity: props.config.worker.maxCount })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
  }

  private service(role: PharosRole, metricsLogGroup: logs.LogGroup): ecs.FargateService {
    const { config, data } = this.props;
    const size = config[role];
    const prefix = resourcePrefix(config.name);
    const taskDefinition = new ecs.FargateTaskDefinition(this, `${role}Task`, {
      family: `${prefix}-${role}`,
      cpu: size.cpu,
      memoryLimitMiB: size.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    const logGroup = this.logGroup(`${role}Logs`, `/pharos/${config.name}/${role}`);
    const repository = ecr.Repository.fromRepositoryName(this, `${role}Repository`, 'pharos');
    const metricsToken = ecs.Secret.fromSecretsManager(data.appSecret, 'metricsToken');

    taskDefinition.addContainer('pharos', {
      image: ecs.ContainerImage.fromEcrRepository(repository, this.props.imageTag),
      command: ['sh', '-c', START_SCRIPT],
      portMappings: [{ containerPort: 3000, name: 'http' }],
      environment: {
        PHAROS_CONFIG: this.props.configFile,
        PHAROS_ROLE: role,
        PHAROS_BASE_URL: this.props.baseUrl,
        // the static copy's bucket and the sns channel's topic are in this region
        PHAROS_AWS_REGION: Stack.of(this).region,
        PHAROS_DB_HOST: data.database.dbInstanceEndpointAddress,
        PHAROS_DB_PORT: data.database.dbInstanceEndpointPort,
        PHAROS_REDIS_HOST: data.redis.attrPrimaryEndPointAddress,
        // two proxy hops: CloudFront appends the viewer's address to X-Forwarded-For, the ALB appends CloudFront's; the
        // client is the entry left of those two, whatever a viewer wrote further left (only CloudFront reaches the ALB)
        PHAROS_TRUST_PROXY: '2',
        NODE_ENV: 'production',
      },
      secrets: {
        PHAROS_DB_USER: ecs.Secret.fromSecretsManager(data.databaseSecret, 'username'),
        PHAROS_DB_PASSWORD: ecs.Secret.fromSecretsManager(data.databaseSecret, 'password'),
        PHAROS_REDIS_AUTH_TOKEN: ecs.Secret.fromSecretsManager(data.redisSecret, 'authToken'),
        PHAROS_METRICS_TOKEN: metricsToken,
        PHAROS_SECRET: ecs.Secret.fromSecretsManager(data.serverSecret, 'serverSecret'),
      },
      healthCheck: {
        command: ['CMD-SHELL', HEALTH_COMMAND],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
      // Pharos drains within server.shutdown_grace (20 s); ECS waits 30 s before SIGKILL.
      stopTimeout: Duration.seconds(30),
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: role, mode: ecs.AwsLogDriverMode.NON_BLOCKING }),
    });

    taskDefinition.addContainer('metrics', {
      image: ecs.ContainerImage.fromRegistry(ADOT_COLLECTOR_IMAGE),
      essential: false,
      cpu: 64,
      memoryReservationMiB: 128,
      environment: { AOT_CONFIG_CONTENT: adotCollectorConfig(config.name, role, metricsLogGroup.logGroupName) },
      secrets: { PHAROS_METRICS_TOKEN: metricsToken },
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: `${role}-metrics` }),
    });
    // the EMF exporter writes to its log group and looks up its streams
    metricsLogGroup.grantWrite(taskDefinition.taskRole);
    metricsLogGroup.grant(taskDefinition.taskRole, 'logs:DescribeLogStreams');

    return new ecs.FargateService(this, `${role}Service`, {
      serviceName: `${prefix}-${role}`,
      cluster: this.cluster,
      taskDefinition,
      desiredCount: size.desiredCount,
      securityGroups: [this.props.appSecurityGroup],
      vpcSubnets: { subnets: this.props.vpc.privateSubnets },
      assignPublicIp: false,
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      enableExecuteCommand: false,
      healthCheckGracePeriod: role === 'web' ? Duration.seconds(60) : undefined,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
  }

  private logGroup(id: string, name: string): logs.LogGroup {
    return new logs.LogGroup(this, id, {
      logGroupName: name,
      retention: this.props.config.logRetentionDays as logs.RetentionDays,
      encryptionKey: this.props.logsKey,
      removalPolicy: this.props.config.database.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
