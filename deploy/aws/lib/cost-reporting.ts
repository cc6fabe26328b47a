import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import * as cur from 'aws-cdk-lib/aws-cur';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { type EnvironmentConfig, resourcePrefix } from './environment-config.ts';

/** Cost anomalies above this many USD (total impact) are mailed. */
export const ANOMALY_THRESHOLD_USD = 20;

/**
 * The environment's cost, watched (us-east-1: the Cost and Usage Report and Cost Explorer live there): an hourly Cost and
 * Usage Report into a bucket of its own, and Cost Anomaly Detection on the resources tagged with the environment,
 * alerting a topic the alarm address is subscribed to. The monthly budget is in operations.ts.
 */
export class CostReporting extends Construct {
  readonly reportBucket: s3.Bucket;
  readonly topic: sns.Topic;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly config: EnvironmentConfig; readonly alarmEmail: string },
  ) {
    super(scope, id);
    const prefix = resourcePrefix(props.config.name);
    const stack = Stack.of(this);
    this.reportBucket = new s3.Bucket(this, 'ReportBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const billing = new iam.ServicePrincipal('billingreports.amazonaws.com');
    const fromThisAccount = {
      StringEquals: {
        'aws:SourceAccount': stack.account,
        'aws:SourceArn': `arn:${stack.partition}:cur:us-east-1:${stack.account}:definition/*`,
      },
    };
    this.reportBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [billing],
        actions: ['s3:GetBucketAcl', 's3:GetBucketPolicy'],
        resources: [this.reportBucket.bucketArn],
        conditions: fromThisAccount,
      }),
    );
    this.reportBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [billing],
        actions: ['s3:PutObject'],
        resources: [this.reportBucket.arnForObjects('*')],
        conditions: fromThisAccount,
      }),
    );
    const report = new cur.CfnReportDefinition(this, 'Report', {
      reportName: `${prefix}-cost-and-usage`,
      timeUnit: 'HOURLY',
      format: 'Parquet',
      compression: 'Parquet',
      additionalSchemaElements: ['RESOURCES'],
      additionalArtifacts: ['ATHENA'],
      s3Bucket: this.reportBucket.bucketName,
      s3Prefix: 'cur',
      s3Region: 'us-east-1',
      refreshClosedReports: true,
      reportVersioning: 'OVERWRITE_REPORT',
    });
    report.node.addDependency(this.reportBucket.policy!);

    this.topic = new sns.Topic(this, 'CostAlerts', {
      topicName: `${prefix}-cost-alerts`,
      displayName: `Pharos ${props.config.name} cost anomalies`,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.topic.grantPublish(new iam.ServicePrincipal('costalerts.amazonaws.com'));
    const monitor = new ce.CfnAnomalyMonitor(this, 'AnomalyMonitor', {
      monitorName: `${prefix}-cost`,
      monitorType: 'CUSTOM',
      // one dimensional monitor per account is allowed: a custom one per environment, on its cost allocation tag
      monitorSpecification: JSON.stringify({
        Tags: { Key: 'pharos:environment', Values: [props.config.name], MatchOptions: ['EQUALS'] },
      }),
    });
    new ce.CfnAnomalySubscription(this, 'AnomalySubscription', {
      subscriptionName: `${prefix}-cost-anomalies`,
      frequency: 'IMMEDIATE',
      monitorArnList: [monitor.attrMonitorArn],
      subscribers: [{ type: 'SNS', address: this.topic.topicArn }],
      thresholdExpression: JSON.stringify({
        Dimensions: {
          Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
          MatchOptions: ['GREATER_THAN_OR_EQUAL'],
          Values: [String(ANOMALY_THRESHOLD_USD)],
        },
      }),
    });
  }
}
