import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface RotationRedeployProps {
  readonly secret: secretsmanager.ISecret;
  readonly cluster: ecs.ICluster;
  readonly services: readonly ecs.FargateService[];
  readonly logsKey: kms.IKey;
  readonly logRetentionDays: number;
}

/** Asks ECS for a fresh deployment of every service; the new tasks read the rotated secret. */
export const HANDLER = `
const { ECSClient, UpdateServiceCommand } = require('@aws-sdk/client-ecs');
const ecs = new ECSClient({});
exports.handler = async () => {
  for (const service of JSON.parse(process.env.SERVICES)) {
    await ecs.send(new UpdateServiceCommand({ cluster: process.env.CLUSTER, service, forceNewDeployment: true }));
  }
};
`;

/**
 * ECS injects secrets when a task starts. After the database password rotates, running tasks keep
 * their open connections, but every new connection would use the old password; so a successful
 * rotation triggers a rolling redeployment of the web and worker services (circuit breaker and
 * minimum healthy 100% keep it safe).
 */
export class RotationRedeploy extends Construct {
  readonly rule: events.Rule;
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: RotationRedeployProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role with only what it does: no AWS managed policy.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ecs:UpdateService'],
        resources: props.services.map((s) => s.serviceArn),
      }),
    );
    this.function = new lambda.Function(this, 'Function', {
      description: 'Redeploys the Pharos services after the database secret rotated',
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      timeout: Duration.seconds(30),
      role,
      logGroup,
      environment: {
        CLUSTER: props.cluster.clusterName,
        SERVICES: Stack.of(this).toJsonString(props.services.map((s) => s.serviceName)),
      },
    });
    // Secrets Manager reports a finished rotation as a CloudTrail service event.
    this.rule = new events.Rule(this, 'OnRotation', {
      description: 'Database secret rotated: redeploy the Pharos services',
      eventPattern: {
        source: ['aws.secretsmanager'],
        detailType: ['AWS Service Event via CloudTrail'],
        detail: { eventName: ['RotationSucceeded'], additionalEventData: { SecretId: [props.secret.secretArn] } },
      },
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 4 })],
    });
  }
}
