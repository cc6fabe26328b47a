import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { PharosStack } from './pharos-stack.ts';
import type { PharosEdgeStack } from './edge-stack.ts';
import type { PharosStandbyStack } from './standby-stack.ts';

/**
 * Findings of cdk-nag's AwsSolutions pack (and of CDK's own template validation) that are
 * accepted on purpose. Each is acknowledged on the narrowest construct, with the reason;
 * anything not listed here fails `cdk synth`.
 */
export function acknowledgeNagFindings(stack: PharosStack): void {
  const { data, compute, edge, operations, network } = stack;
  const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

  ack(
    data.database,
    'AwsSolutions-RDS11',
    'PostgreSQL listens on 5432: a non-default port adds no protection here, because the security group admits only the Pharos tasks and the rotation function.',
  );
  ack(
    data.database,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
    'Enhanced Monitoring needs exactly the permissions of this AWS-maintained service-role policy; a copy would drift from it.',
  );
  if (!stack.config.database.protect) {
    ack(
      data.database,
      'AwsSolutions-RDS10',
      'Staging is disposable and recreated from migrations; deletion protection stays on in production only.',
    );
  }
  ack(
    data.redis,
    'AwsSolutions-AEC5',
    'Redis listens on 6379: TLS and an AUTH token are required, and only the Pharos tasks security group may connect.',
  );
  for (const secret of [data.appSecret, data.redisSecret, edge.originVerifySecret]) {
    ack(
      secret,
      'AwsSolutions-SMG4',
      'Rotating this value needs a coordinated rollout (Redis AUTH rotate-then-set, CloudFront and ALB header, metrics sidecar): done by the rotate-secrets runbook, not by a rotation function. The database secret is rotated automatically.',
    );
  }
  ack(
    data.serverSecret,
    'AwsSolutions-SMG4',
    "Pharos's server.secret signs private pages' cookies and seals single sign-ons in progress: a scheduled rotation would sign out every private page's visitors and cut sign-ins at random times. It is changed only on purpose (put-secret-value, then a forced redeployment of web and worker, which read it at start).",
  );
  for (const service of Object.values(compute.services)) {
    const taskDefinition = service.taskDefinition;
    ack(
      taskDefinition,
      'AwsSolutions-ECS2',
      'The environment holds only non-secret settings (role, base URL, database and Redis host names); credentials come from Secrets Manager as ECS secrets.',
    );
    ack(
      taskDefinition,
      'CloudFormation-Validate::E1029',
      'The ${env:PHAROS_METRICS_TOKEN} text is expanded by the OpenTelemetry collector at run time, not a CloudFormation parameter.',
    );
    ack(
      taskDefinition.obtainExecutionRole(),
      'AwsSolutions-IAM5[Resource::*]',
      'ecr:GetAuthorizationToken has no resource-level permissions: IAM accepts only "*" for it. All other statements name their resources.',
    );
  }
  if (stack.alertsTopic)
    for (const service of Object.values(compute.services))
      ack(
        service.taskDefinition.taskRole,
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'Publishing to the KMS-encrypted alerts topic (the sns notification channel) needs the GenerateDataKey family that SNS asks for; it is scoped to the data key alone.',
      );
  ack(
    compute.services.web.taskDefinition.taskRole,
    'AwsSolutions-IAM5[Resource::<EdgeStaticCopyBucket105DB35D.Arn>/site/*]',
    'The web tasks publish the static copy: they put and delete any object under the site/ prefix of its own bucket, and nothing else in it.',
  );
  ack(
    edge.distribution,
    'AwsSolutions-CFR1',
    'A public status page must be readable from every country, especially during an outage; there is no geographic restriction to apply.',
  );
  ack(
    operations.backupPlan,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    'AWS Backup documents this managed policy as the role policy for backup jobs; it tracks new resource types AWS adds.',
  );
  ack(
    network.vpc,
    'CloudFormation-Validate::W3010',
    'Zones are listed explicitly (environment-config.ts) so that synth never queries AWS; the README says how to change them for another region.',
  );
}

/** The DR region's replica and promotion function (standby-stack.ts). */
export function acknowledgeStandbyNagFindings(stack: PharosStandbyStack): void {
  const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
  ack(
    stack.replica,
    'AwsSolutions-RDS3',
    'The replica is single-AZ to keep the standby cheap; the region-failover runbook turns Multi-AZ on right after a promotion.',
  );
  ack(
    stack.replica,
    'AwsSolutions-RDS11',
    'A replica keeps its source database port 5432, and only the DR VPC may reach it through its security group.',
  );
  if (!stack.config.database.protect)
    ack(
      stack.replica,
      'AwsSolutions-RDS10',
      'Staging is disposable and recreated from migrations; deletion protection stays on in production only.',
    );
  ack(
    stack.replica,
    'CloudFormation-Validate::F3020',
    'A cross-region replica is encrypted with the KmsKeyId given; StorageEncrypted states it for the audit (cdk-nag RDS2), where CloudFormation would ignore it.',
  );
  ack(
    stack.promoteFunction,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'The promotion function needs exactly the log permissions of this AWS-maintained policy; a copy would drift from it.',
  );
  const { standby } = stack;
  ack(
    standby.accessLogs,
    'AwsSolutions-S1',
    'This bucket receives the standby ALB access logs; logging the reads and writes of a log bucket would record only those log deliveries.',
  );
  for (const service of Object.values(standby.services)) {
    const taskDefinition = service.taskDefinition;
    ack(
      taskDefinition,
      'AwsSolutions-ECS2',
      'The environment holds only non-secret settings (role, base URL, the replica host name); credentials come from the Secrets Manager copies in this region as ECS secrets.',
    );
    ack(
      taskDefinition.obtainExecutionRole(),
      'AwsSolutions-IAM5[Resource::*]',
      'ecr:GetAuthorizationToken has no resource-level permissions: IAM accepts only "*" for it. All other statements name their resources.',
    );
  }
  ack(
    stack.vpc,
    'CloudFormation-Validate::W3010',
    'Zones are listed explicitly (environment-config.ts) so that synth never queries AWS; the README says how to change them for another region.',
  );
}

/** The us-east-1 stack (edge-stack.ts, cost-reporting.ts). */
export function acknowledgeEdgeNagFindings(stack: PharosEdgeStack): void {
  Validations.of(stack.cost.reportBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'Only the billing service writes Cost and Usage Reports into this bucket; its own access logs would record nothing but those deliveries.',
  });
}
