import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { type EnvironmentConfig, resourcePrefix } from './environment-config.ts';
import { PHAROS_METRICS_NAMESPACE } from './metrics-sidecar.ts';

export interface AlarmsProps {
  readonly config: EnvironmentConfig;
  readonly topic: sns.ITopic;
  readonly alb: elbv2.ApplicationLoadBalancer;
  readonly webTargetGroup: elbv2.ApplicationTargetGroup;
  readonly services: Record<'web' | 'worker', ecs.FargateService>;
  readonly database: rds.DatabaseInstance;
  readonly redisReplicationGroupId: string;
}

/** The metrics an operator looks at first; alarms.ts and the dashboard share them. */
export interface KeyMetrics {
  readonly target5xx: cloudwatch.IMetric;
  readonly targetLatencyP95: cloudwatch.IMetric;
  readonly redisMemory: cloudwatch.IMetric;
  readonly schedulerLag: cloudwatch.IMetric;
  readonly outboxPending: cloudwatch.IMetric;
  readonly outboxOldestAge: cloudwatch.IMetric;
}

/** CloudWatch alarms named `pharos-<env>-…`, each notifying the SNS topic on ALARM and on OK. */
export class Alarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly metrics: KeyMetrics;
  private readonly prefix: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AlarmsProps,
  ) {
    super(scope, id);
    this.prefix = resourcePrefix(props.config.name);
    const { alb, webTargetGroup, services, database, config } = props;
    const fiveMinutes = Duration.minutes(5);
    const pharosMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: PHAROS_METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { environment: config.name },
        statistic,
        period: Duration.minutes(1),
      });
    // Redis metrics are per node; the primary moves on failover, so alarm on the worst node.
    const redisNodes = Array.from(
      { length: 1 + config.redis.replicasPerShard },
      (_, i) =>
        new cloudwatch.Metric({
          namespace: 'AWS/ElastiCache',
          metricName: 'DatabaseMemoryUsagePercentage',
          dimensionsMap: { CacheClusterId: `${props.redisReplicationGroupId}-00${i + 1}` },
          statistic: 'Maximum',
          period: fiveMinutes,
        }),
    );
    this.metrics = {
      target5xx: alb.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
        period: fiveMinutes,
        statistic: 'Sum',
      }),
      targetLatencyP95: webTargetGroup.metrics.targetResponseTime({ period: fiveMinutes, statistic: 'p95' }),
      redisMemory: new cloudwatch.MathExpression({
        expression: `MAX([${redisNodes.map((_, i) => `m${i}`).join(',')}])`,
        usingMetrics: Object.fromEntries(redisNodes.map((m, i) => [`m${i}`, m])),
        label: 'Redis memory used % (worst node)',
        period: fiveMinutes,
      }),
      schedulerLag: pharosMetric('pharos_scheduler_lag_seconds', 'Average'),
      outboxPending: pharosMetric('pharos_outbox_pending', 'Maximum'),
      outboxOldestAge: pharosMetric('pharos_outbox_oldest_pending_age_seconds', 'Maximum'),
    };

    this.add('alb-5xx', 'The web tasks answered more than 20 5xx in 5 minutes', this.metrics.target5xx, 20, 1);
    this.add(
      'alb-elb-5xx',
      'The ALB itself answered 5xx (no healthy target, timeouts)',
      alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: fiveMinutes, statistic: 'Sum' }),
      20,
      1,
    );
    this.add(
      'target-latency-p95',
      'p95 target response time above 1.5 s for 15 minutes',
      this.metrics.targetLatencyP95,
      1.5,
      3,
    );
    this.add(
      'web-unhealthy-targets',
      'At least one web task fails its load balancer health check (/readyz/serving) for 5 minutes',
      webTargetGroup.metrics.unhealthyHostCount({ period: Duration.minutes(1), statistic: 'Maximum' }),
      0,
      5,
    );
    for (const [role, service] of Object.entries(services)) {
      this.add(
        `${role}-cpu`,
        `${role} tasks above 85% CPU for 15 minutes`,
        service.metricCpuUtilization({ period: fiveMinutes }),
        85,
        3,
      );
      this.add(
        `${role}-memory`,
        `${role} tasks above 85% memory for 15 minutes`,
        service.metricMemoryUtilization({ period: fiveMinutes }),
        85,
        3,
      );
    }
    this.add(
      'rds-cpu',
      'PostgreSQL above 80% CPU for 15 minutes',
      database.metricCPUUtilization({ period: fiveMinutes }),
      80,
      3,
    );
    this.add(
      'rds-free-storage',
      'PostgreSQL has less than 10% of its allocated storage free',
      database.metricFreeStorageSpace({ period: fiveMinutes, statistic: 'Minimum' }),
      config.database.allocatedStorageGiB * 0.1 * 1024 ** 3,
      1,
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    );
    this.add(
      'rds-connections',
      'PostgreSQL connections near the instance limit',
      database.metricDatabaseConnections({ period: fiveMinutes, statistic: 'Maximum' }),
      config.database.connectionsAlarm,
      2,
    );
    this.add('redis-memory', 'A Redis node above 80% of its memory', this.metrics.redisMemory, 80, 2);
    // No lag samples is normal while no monitor is due (a new environment), so missing data is fine here…
    this.add('scheduler-lag', 'Checks start more than 10 s late on average', this.metrics.schedulerLag, 10, 5);
    // …and a stopped pipeline is caught by this gauge, which every scrape reports (0 when nothing waits).
    this.add(
      'metrics-missing',
      'No Pharos metrics arrived for 10 minutes: Pharos or its collector sidecar is not reporting',
      pharosMetric('pharos_outbox_oldest_pending_age_seconds', 'SampleCount').with({ period: fiveMinutes }),
      1,
      2,
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      cloudwatch.TreatMissingData.BREACHING,
    );
    this.add(
      'outbox-oldest-pending',
      'A notification has waited more than 5 minutes',
      this.metrics.outboxOldestAge,
      300,
      3,
    );
    this.add('outbox-pending', 'More than 1000 notifications wait in one channel', this.metrics.outboxPending, 1000, 5);
  }

  private add(
    name: string,
    description: string,
    metric: cloudwatch.IMetric,
    threshold: number,
    evaluationPeriods: number,
    comparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData = cloudwatch.TreatMissingData.NOT_BREACHING,
  ): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName: `${this.prefix}-${name}`,
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator,
      treatMissingData,
    });
    const action = new actions.SnsAction(this.props.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
