import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from './environment-config.ts';

/**
 * Customer-managed KMS keys, rotated yearly: one for data at rest (RDS, Redis, secrets, backups,
 * SNS) and one for CloudWatch Logs, whose service principal needs its own grant in the key policy.
 */
export class EncryptionKeys extends Construct {
  readonly dataKey: kms.Key;
  readonly logsKey: kms.Key;

  constructor(scope: Construct, id: string, props: { readonly config: EnvironmentConfig }) {
    super(scope, id);
    const prefix = `pharos-${props.config.name}`;
    // Production keys outlive a stack deletion: deleting a key makes every snapshot it encrypted unreadable.
    const removalPolicy = props.config.database.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.dataKey = new kms.Key(this, 'DataKey', {
      alias: `alias/${prefix}-data`,
      description: `Pharos ${props.config.name}: RDS, ElastiCache, Secrets Manager, AWS Backup, SNS`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy,
    });
    // CloudWatch alarms publish to the encrypted SNS topic.
    this.dataKey.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.logsKey = new kms.Key(this, 'LogsKey', {
      alias: `alias/${prefix}-logs`,
      description: `Pharos ${props.config.name}: CloudWatch Logs (tasks, VPC flow logs, database logs)`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy,
    });
    const region = Stack.of(this).region;
    this.logsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Stack.of(this).partition}:logs:${region}:${Stack.of(this).account}:*`,
          },
        },
      }),
    );
  }
}
