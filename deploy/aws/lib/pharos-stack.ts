import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Compute } from './compute.ts';
import { Data } from './data.ts';
import { Edge } from './edge.ts';
import { type DeployContext, type EnvironmentConfig, hostNameFor } from './environment-config.ts';
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
