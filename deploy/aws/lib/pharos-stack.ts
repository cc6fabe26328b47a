import { ArnFormat, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { Compute, awsConfigFile } from './compute.ts';
import { Data } from './data.ts';
import { Edge } from './edge.ts';
import {
  DR_REGION,
  type DeployContext,
  type EnvironmentConfig,
  hostNameFor,
  resourcePrefix,
} from './environment-config.ts';
import { STATIC_COPY_PREFIX } from './static-copy.ts';
import { EncryptionKeys } from './keys.ts';
import { Network } from './network.ts';
import { Operations } from './operations.ts';
import { RotationRedeploy } from './rotation-redeploy.ts';
import type { PharosDrStack } from './dr-stack.ts';
import type { PharosEdgeStack } from './edge-stack.ts';

export interface PharosStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly context: DeployContext;
  readonly edgeStack: PharosEdgeStack;
  readonly drStack: PharosDrStack;
}

/** One environment of Pharos in the primary region: network, data, compute, edge and operations. */
export class PharosStack extends Stack {
  readonly network: Network;
  readonly data: Data;
  readonly edge: Edge;
  readonly compute: Compute;
  readonly operations: Operations;
  readonly config: EnvironmentConfig;
  /** the topic of Pharos's own `type: sns` notification channel (absent with -c pharosSnsChannel=false) */
  readonly alertsTopic: sns.Topic | undefined;
  private zones: readonly string[] = [];

  constructor(scope: Construct, id: string, props: PharosStackProps) {
    super(scope, id, props);
    const { config, context } = props;
    this.config = config;
    this.zones = config.availabilityZones;
    const hostName = hostNameFor(config.name, context.domainName);

    const keys = new EncryptionKeys(this, 'Keys', { config });
    this.network = new Network(this, 'Network', {
      config,
      logsKey: keys.logsKey,
      cloudFrontPrefixListId: context.cloudFrontPrefixListId,
    });
    this.data = new Data(this, 'Data', {
      config,
      vpc: this.network.vpc,
      databaseSecurityGroup: this.network.databaseSecurityGroup,
      redisSecurityGroup: this.network.redisSecurityGroup,
      dataKey: keys.dataKey,
      logsKey: keys.logsKey,
      drBackupKeyArn: props.drStack.key.keyArn,
    });
    this.edge = new Edge(this, 'Edge', {
      config,
      vpc: this.network.vpc,
      albSecurityGroup: this.network.albSecurityGroup,
      hostName,
      hostedZoneId: context.hostedZoneId,
      hostedZoneName: context.hostedZoneName,
      cloudFrontCertificate: props.edgeStack.certificate,
      webAclArn: props.edgeStack.webAcl.attrArn,
      dataKey: keys.dataKey,
      drKeyArn: props.drStack.key.keyArn,
      originFailover: context.route53Failover,
    });
    this.compute = new Compute(this, 'Compute', {
      config,
      vpc: this.network.vpc,
      appSecurityGroup: this.network.appSecurityGroup,
      data: this.data,
      logsKey: keys.logsKey,
      imageTag: context.imageTag,
      baseUrl: `https://${hostName}`,
      webTargetGroup: this.edge.loadBalancer.webTargetGroup,
      configFile: awsConfigFile(context.snsChannel),
    });
    new RotationRedeploy(this, 'RotationRedeploy', {
      secret: this.data.databaseSecret,
      cluster: this.compute.cluster,
      services: Object.values(this.compute.services),
      logsKey: keys.logsKey,
      logRetentionDays: config.logRetentionDays,
    });
    this.operations = new Operations(this, 'Operations', {
      config,
      dataKey: keys.dataKey,
      alarmEmail: context.alarmEmail,
      monthlyBudgetUsd: context.budgetUsd[config.name],
      alb: this.edge.loadBalancer.alb,
      webTargetGroup: this.edge.loadBalancer.webTargetGroup,
      services: this.compute.services,
      database: this.data.database,
      databaseSecret: this.data.databaseSecret,
      redisReplicationGroupId: this.data.redis.ref,
    });
    // the failover's trigger reaches people like every other alarm
    const noHealthyTargets = this.edge.noHealthyTargetsAlarm;
    if (noHealthyTargets) {
      noHealthyTargets.addAlarmAction(new cloudwatchActions.SnsAction(this.operations.topic));
      noHealthyTargets.addOkAction(new cloudwatchActions.SnsAction(this.operations.topic));
    }
    this.grantPublishing();
    this.alertsTopic = context.snsChannel ? this.snsChannelTopic(keys.dataKey, context.alarmEmail) : undefined;
    this.forwardDatabaseEvents();
  }

  /** The web tasks keep the static copy (`publish:`): write the bucket, invalidate the distribution. */
  private grantPublishing(): void {
    const { staticCopy, distribution } = this.edge;
    const web = this.compute.services.web.taskDefinition;
    // exactly the calls src/publish/s3-target.ts makes, under the prefix only
    web.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [staticCopy.bucket.arnForObjects(`${STATIC_COPY_PREFIX}/*`)],
      }),
    );
    web.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [staticCopy.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${STATIC_COPY_PREFIX}/*`] } },
      }),
    );
    web.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['cloudfront:CreateInvalidation'],
        resources: [
          this.formatArn({
            service: 'cloudfront',
            region: '',
            resource: 'distribution',
            resourceName: distribution.distributionId,
          }),
        ],
      }),
    );
    // The config file (aws.yaml) is the same for both roles and requires these, so the workers get them too; only web
    // tasks start publishing (and only their role above may write the bucket).
    for (const service of Object.values(this.compute.services)) {
      const pharos = service.taskDefinition.defaultContainer!;
      pharos.addEnvironment('PHAROS_PUBLISH_BUCKET', staticCopy.bucket.bucketName);
      pharos.addEnvironment('PHAROS_PUBLISH_PREFIX', STATIC_COPY_PREFIX);
      pharos.addEnvironment('PHAROS_CLOUDFRONT_DISTRIBUTION_ID', distribution.distributionId);
    }
  }

  /** The topic of Pharos's `type: sns` channel: the worker tasks (they run the outbox) publish to it. */
  private snsChannelTopic(dataKey: import('aws-cdk-lib/aws-kms').IKey, email: string): sns.Topic {
    const topic = new sns.Topic(this, 'PharosAlertsTopic', {
      topicName: `${resourcePrefix(this.config.name)}-pharos-alerts`,
      displayName: `Pharos ${this.config.name} status alerts`,
      masterKey: dataKey,
      enforceSSL: true,
    });
    topic.addSubscription(new subscriptions.EmailSubscription(email));
    for (const service of Object.values(this.compute.services)) {
      const role = service.taskDefinition.taskRole;
      topic.grantPublish(role);
      dataKey.grant(role, 'kms:Decrypt', 'kms:GenerateDataKey');
      service.taskDefinition.defaultContainer!.addEnvironment('PHAROS_SNS_TOPIC_ARN', topic.topicArn);
    }
    return topic;
  }

  /** The primary database's RDS events go to the DR region's bus, where the standby stack promotes its replica. */
  private forwardDatabaseEvents(): void {
    const drBus = events.EventBus.fromEventBusArn(
      this,
      'DrDefaultBus',
      this.formatArn({
        service: 'events',
        region: DR_REGION,
        resource: 'event-bus',
        resourceName: 'default',
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    );
    new events.Rule(this, 'DatabaseEventsToDr', {
      ruleName: `${resourcePrefix(this.config.name)}-database-events-to-dr`,
      description: `Failure events of the Pharos ${this.config.name} database, to ${DR_REGION} (replica promotion)`,
      eventPattern: {
        source: ['aws.rds'],
        detailType: ['RDS DB Instance Event'],
        detail: { SourceIdentifier: [this.data.database.instanceIdentifier] },
      },
      targets: [new targets.EventBus(drBus)],
    });
  }

  /**
   * Explicit zones from the environment table: CDK would otherwise ask AWS (a context lookup),
   * and synth must work offline. Staging uses 2 zones, production 3. Read by the VPC, after
   * the constructor has stored the list.
   */
  override get availabilityZones(): string[] {
    return [...this.zones];
  }
}
