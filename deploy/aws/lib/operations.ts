import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { Alarms, type AlarmsProps } from './alarms.ts';
import { DR_REGION, type EnvironmentConfig, resourcePrefix } from './environment-config.ts';
import { drVaultName } from './dr-stack.ts';
import { PHAROS_METRICS_NAMESPACE } from './metrics-sidecar.ts';

export interface OperationsProps extends Omit<AlarmsProps, 'topic'> {
  readonly config: EnvironmentConfig;
  readonly dataKey: kms.IKey;
  readonly alarmEmail: string;
  readonly monthlyBudgetUsd: number;
  readonly database: rds.DatabaseInstance;
  readonly databaseSecret: secretsmanager.ISecret;
}

/** Alarms → SNS, the dashboard, the AWS Backup plan with its cross-region copy, the budget. */
export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Alarms;
  readonly dashboard: cloudwatch.Dashboard;
  readonly backupPlan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { config } = props;
    const prefix = resourcePrefix(config.name);

    this.topic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `${prefix}-alarms`,
      displayName: `Pharos ${config.name} alarms`,
      masterKey: props.dataKey,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const budgetsPrincipal = new iam.ServicePrincipal('budgets.amazonaws.com');
    this.topic.grantPublish(budgetsPrincipal);
    props.dataKey.grant(budgetsPrincipal, 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.alarms = new Alarms(this, 'Alarms', { ...props, topic: this.topic });
    // A failed rotation leaves the database secret half-rotated: someone has to look.
    const eventsPrincipal = new iam.ServicePrincipal('events.amazonaws.com');
    props.dataKey.grant(eventsPrincipal, 'kms:Decrypt', 'kms:GenerateDataKey*');
    new events.Rule(this, 'RotationFailed', {
      ruleName: `${prefix}-secret-rotation-failed`,
      description: `A Pharos ${config.name} secret failed to rotate`,
      eventPattern: {
        source: ['aws.secretsmanager'],
        detailType: ['AWS Service Event via CloudTrail'],
        detail: { eventName: ['RotationFailed'], additionalEventData: { SecretId: [props.databaseSecret.secretArn] } },
      },
      targets: [new targets.SnsTopic(this.topic)],
    });
    this.dashboard = this.buildDashboard(props);
    this.backupPlan = this.buildBackupPlan(props);

    new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: prefix,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' },
        // counts only resources tagged by this stack (activate the tag as a cost allocation tag)
        costFilters: { TagKeyValue: [`user:pharos:environment$${config.name}`] },
      },
      notificationsWithSubscribers: [
        budgetNotification('ACTUAL', 80, this.topic.topicArn, props.alarmEmail),
        budgetNotification('FORECASTED', 100, this.topic.topicArn, props.alarmEmail),
      ],
    });
  }

  private buildDashboard(props: OperationsProps): cloudwatch.Dashboard {
    const m = this.alarms.metrics;
    const graph = (title: string, left: cloudwatch.IMetric[]) => new cloudwatch.GraphWidget({ title, left, width: 8 });
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: resourcePrefix(props.config.name),
      defaultInterval: Duration.hours(6),
    });
    dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms.alarms, width: 24 }));
    dashboard.addWidgets(
      graph('Requests and 5xx', [props.alb.metrics.requestCount({ statistic: 'Sum' }), m.target5xx]),
      graph('Target response time p95 (s)', [m.targetLatencyP95]),
      graph('ECS CPU / memory (%)', [
        props.services.web.metricCpuUtilization(),
        props.services.web.metricMemoryUtilization(),
        props.services.worker.metricCpuUtilization(),
        props.services.worker.metricMemoryUtilization(),
      ]),
    );
    dashboard.addWidgets(
      graph('PostgreSQL CPU (%) and connections', [
        props.database.metricCPUUtilization(),
        props.database.metricDatabaseConnections(),
      ]),
      graph('PostgreSQL free storage (bytes)', [props.database.metricFreeStorageSpace()]),
      graph('Redis memory (%)', [m.redisMemory]),
    );
    dashboard.addWidgets(
      graph('Scheduler lag (s, average)', [m.schedulerLag]),
      graph('Outbox pending (max per channel)', [m.outboxPending]),
      graph('Oldest pending notification (s)', [m.outboxOldestAge]),
    );
    // Takeovers mean a worker's leases ended without a handover (crash, OOM kill, network split).
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lease takeovers (per 5 min)',
        width: 8,
        left: [
          new cloudwatch.Metric({
            namespace: PHAROS_METRICS_NAMESPACE,
            metricName: 'pharos_lease_takeovers_total',
            dimensionsMap: { environment: props.config.name },
            statistic: 'Sum',
            period: Duration.minutes(5),
          }),
        ],
      }),
    );
    return dashboard;
  }

  private buildBackupPlan(props: OperationsProps): backup.BackupPlan {
    const { config } = props;
    const stack = Stack.of(this);
    const vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: resourcePrefix(config.name),
      encryptionKey: props.dataKey,
      removalPolicy: config.database.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // The DR vault lives in the DR stack; its ARN is built from its name (no cross-region reference).
    const drVault = backup.BackupVault.fromBackupVaultArn(
      this,
      'DrVault',
      stack.formatArn({
        service: 'backup',
        region: DR_REGION,
        resource: 'backup-vault',
        resourceName: drVaultName(config),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    const retention = Duration.days(config.backupPlanRetentionDays);
    const plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: resourcePrefix(config.name),
      backupVault: vault,
    });
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'daily-with-dr-copy',
        scheduleExpression: events.Schedule.cron({ minute: '0', hour: '3' }),
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter: retention,
        copyActions: [{ destinationBackupVault: drVault, deleteAfter: retention }],
      }),
    );
    plan.addSelection('Database', {
      resources: [backup.BackupResource.fromRdsDatabaseInstance(props.database)],
    });
    return plan;
  }
}

function budgetNotification(
  notificationType: 'ACTUAL' | 'FORECASTED',
  percent: number,
  topicArn: string,
  email: string,
): budgets.CfnBudget.NotificationWithSubscribersProperty {
  return {
    notification: {
      notificationType,
      comparisonOperator: 'GREATER_THAN',
      threshold: percent,
      thresholdType: 'PERCENTAGE',
    },
    subscribers: [
      { subscriptionType: 'SNS', address: topicArn },
      { subscriptionType: 'EMAIL', address: email },
    ],
  };
}
