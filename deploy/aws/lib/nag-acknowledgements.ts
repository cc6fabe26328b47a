import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { PharosStack } from './pharos-stack.ts';

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
  ack(
    edge.accessLogs,
    'AwsSolutions-S1',
    'This bucket receives the ALB and CloudFront access logs itself; logging its own accesses into another bucket would only move the question.',
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
