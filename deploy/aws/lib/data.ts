import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type EnvironmentConfig, DR_REGION, resourcePrefix } from './environment-config.ts';

/**
 * Generated passwords and tokens end up inside URLs (postgres://user:pass@…, rediss://:token@…):
 * leaving out every punctuation character means they never need URL-encoding.
 */
export const URL_UNSAFE_CHARACTERS = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export interface DataProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly databaseSecurityGroup: ec2.ISecurityGroup;
  readonly redisSecurityGroup: ec2.ISecurityGroup;
  readonly dataKey: kms.IKey;
  readonly logsKey: kms.IKey;
  /** KMS key ARN in the DR region for RDS's cross-region automated backup replication and the secrets' copies */
  readonly drBackupKeyArn: string;
}

/** RDS PostgreSQL (Multi-AZ), ElastiCache Redis (Multi-AZ, TLS, AUTH) and the secrets tasks read. */
export class Data extends Construct {
  readonly database: rds.DatabaseInstance;
  readonly databaseSecret: secretsmanager.ISecret;
  readonly redis: elasticache.CfnReplicationGroup;
  /** `pharos/<env>/redis`: field `authToken` */
  readonly redisSecret: secretsmanager.Secret;
  /** `pharos/<env>/app`: field `metricsToken` */
  readonly appSecret: secretsmanager.Secret;
  /**
   * `pharos/<env>/server`: field `serverSecret`, Pharos's `server.secret` (signs and seals what browsers carry between
   * requests; every task must hold the same one). Not rotated: a new value signs out every visitor of a private page
   * and cuts the single sign-ons in progress (README "What the replicas share").
   */
  readonly serverSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const { config } = props;
    const prefix = resourcePrefix(config.name);
    const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    const drReplica = { region: DR_REGION, encryptionKey: kms.Key.fromKeyArn(this, 'DrKey', props.drBackupKeyArn) };

    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_13 });
    const parameterGroup = new rds.ParameterGroup(this, 'PostgresParameters', {
      engine,
      description: `Pharos ${config.name}: TLS only, slow statements logged`,
      parameters: { 'rds.force_ssl': '1', log_min_duration_statement: '1000' },
    });
    this.database = new rds.DatabaseInstance(this, 'Postgres', {
      instanceIdentifier: prefix,
      engine,
      parameterGroup,
      instanceType: new ec2.InstanceType(config.database.instanceType),
      vpc: props.vpc,
      vpcSubnets: isolated,
      securityGroups: [props.databaseSecurityGroup],
      databaseName: 'pharos',
      credentials: rds.Credentials.fromGeneratedSecret('pharos', {
        secretName: `pharos/${config.name}/database`,
        encryptionKey: props.dataKey,
        excludeCharacters: URL_UNSAFE_CHARACTERS,
        // the DR region's standby reads a copy; rotation here updates it
        replicaRegions: [drReplica],
      }),
      multiAz: true,
      storageEncrypted: true,
      storageEncryptionKey: props.dataKey,
      storageType: rds.StorageType.GP3,
      allocatedStorage: config.database.allocatedStorageGiB,
      maxAllocatedStorage: config.database.maxAllocatedStorageGiB,
      backupRetention: Duration.days(config.database.backupRetentionDays),
      preferredBackupWindow: '02:00-03:00',
      preferredMaintenanceWindow: 'sun:03:30-sun:04:30',
      deletionProtection: config.database.protect,
      // production keeps a final snapshot when the instance is removed; staging is disposable
      removalPolicy: config.database.protect ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      deleteAutomatedBackups: !config.database.protect,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: props.dataKey,
      performanceInsightRetention: rds.PerformanceInsightRetention.DEFAULT,
      monitoringInterval: Duration.seconds(60),
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
    });
    // The exported log groups are declared here (retention, KMS) instead of through
    // cloudwatchLogsRetention, which would add a Lambda-backed custom resource.
    for (const log of ['postgresql', 'upgrade']) {
      const group = new logs.LogGroup(this, `PostgresLog-${log}`, {
        logGroupName: `/aws/rds/instance/${prefix}/${log}`,
        retention: config.logRetentionDays as logs.RetentionDays,
        encryptionKey: props.logsKey,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      this.database.node.addDependency(group);
    }
    // Disaster recovery: RDS replicates automated backups (and their transaction logs) to the DR
    // region, so point-in-time restore works there too; AWS Backup adds daily copies (operations.ts).
    const cfnDatabase = this.database.node.defaultChild as rds.CfnDBInstance;
    cfnDatabase.automaticBackupReplicationRegion = DR_REGION;
    cfnDatabase.automaticBackupReplicationKmsKeyId = props.drBackupKeyArn;
    cfnDatabase.automaticBackupReplicationRetentionPeriod = config.database.backupRetentionDays;

    const databaseSecret = this.database.secret;
    if (!databaseSecret) throw new Error('the generated database secret is missing');
    this.databaseSecret = databaseSecret;
    this.database.addRotationSingleUser({
      automaticallyAfter: Duration.days(30),
      excludeCharacters: URL_UNSAFE_CHARACTERS,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });

    this.appSecret = generatedSecret(this, 'AppSecret', `pharos/${config.name}/app`, 'metricsToken', props.dataKey, [
      drReplica,
    ]);
    this.redisSecret = generatedSecret(this, 'RedisSecret', `pharos/${config.name}/redis`, 'authToken', props.dataKey);
    this.serverSecret = generatedSecret(
      this,
      'ServerSecret',
      `pharos/${config.name}/server`,
      'serverSecret',
      props.dataKey,
      // the standby in the DR region must accept the cookies and SSO sign-ins the primary issued
      [drReplica],
    );

    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'RedisSubnets', {
      description: `Pharos ${config.name} Redis (isolated subnets)`,
      subnetIds: props.vpc.selectSubnets(isolated).subnetIds,
      cacheSubnetGroupName: `${prefix}-redis`,
    });
    const slowLog = new logs.LogGroup(this, 'RedisSlowLog', {
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.redis = new elasticache.CfnReplicationGroup(this, 'Redis', {
      replicationGroupId: `${prefix}-redis`,
      replicationGroupDescription: `Pharos ${config.name} event bus`,
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: config.redis.nodeType,
      numNodeGroups: 1,
      replicasPerNodeGroup: config.redis.replicasPerShard,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      kmsKeyId: props.dataKey.keyArn,
      // resolved by CloudFormation from Secrets Manager at deploy time; never in the template
      authToken: this.redisSecret.secretValueFromJson('authToken').unsafeUnwrap(),
      port: 6379,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: [props.redisSecurityGroup.securityGroupId],
      snapshotRetentionLimit: 1,
      autoMinorVersionUpgrade: true,
      logDeliveryConfigurations: [
        {
          destinationType: 'cloudwatch-logs',
          logFormat: 'json',
          logType: 'slow-log',
          destinationDetails: { cloudWatchLogsDetails: { logGroup: slowLog.logGroupName } },
        },
      ],
    });
    this.redis.addResourceDependency(subnetGroup);
    this.redis.node.addDependency(this.redisSecret);
  }
}

function generatedSecret(
  scope: Construct,
  id: string,
  secretName: string,
  field: string,
  encryptionKey: kms.IKey,
  replicaRegions?: secretsmanager.ReplicaRegion[],
): secretsmanager.Secret {
  return new secretsmanager.Secret(scope, id, {
    secretName,
    encryptionKey,
    replicaRegions,
    generateSecretString: {
      secretStringTemplate: '{}',
      generateStringKey: field,
      passwordLength: 64,
      excludeCharacters: URL_UNSAFE_CHARACTERS,
    },
  });
}
