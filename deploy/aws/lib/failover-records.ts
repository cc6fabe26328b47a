import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import type { Construct } from 'constructs';
import { resourcePrefix, type EnvironmentName } from './environment-config.ts';

/** Set identifiers of the two `origin.<host>` failover records. */
export const FAILOVER_SET_IDENTIFIERS = { primary: 'primary-region', secondary: 'dr-region' } as const;

export interface OriginRecordProps {
  readonly env: EnvironmentName;
  readonly zone: route53.IHostedZone;
  readonly originHostName: string;
  readonly alb: elbv2.IApplicationLoadBalancer;
}

/**
 * The primary ALB's health as Route 53 sees it. Route 53's own checkers cannot probe that ALB (only CloudFront's
 * addresses with the origin-verify header get through), so the check follows a CloudWatch alarm on the healthy web
 * targets instead; with the region down the alarm has no data, which counts as unhealthy.
 */
export function primaryOriginHealthCheck(
  scope: Construct,
  env: EnvironmentName,
  targetGroup: elbv2.ApplicationTargetGroup,
): { readonly healthCheck: route53.HealthCheck; readonly alarm: cloudwatch.Alarm } {
  const alarm = new cloudwatch.Alarm(scope, 'NoHealthyWebTargets', {
    alarmName: `${resourcePrefix(env)}-no-healthy-web-targets`,
    alarmDescription: 'No web task behind the primary ALB answers its health check: Route 53 fails over the origin',
    metric: targetGroup.metrics.healthyHostCount({ period: Duration.minutes(1), statistic: 'Minimum' }),
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    threshold: 1,
    evaluationPeriods: 3,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  });
  const healthCheck = new route53.HealthCheck(scope, 'PrimaryOriginHealth', {
    type: route53.HealthCheckType.CLOUDWATCH_METRIC,
    alarmIdentifier: { region: Stack.of(scope).region, name: alarm.alarmName },
    insufficientDataHealthStatus: route53.InsufficientDataHealthStatusEnum.UNHEALTHY,
  });
  return { healthCheck, alarm };
}

/** `origin.<host>` → this region's ALB, as the PRIMARY or SECONDARY of a Route 53 failover pair. */
export function originFailoverRecord(
  scope: Construct,
  id: string,
  props: OriginRecordProps & { readonly role: 'primary' | 'secondary'; readonly healthCheck?: route53.IHealthCheck },
): route53.ARecord {
  return new route53.ARecord(scope, id, {
    zone: props.zone,
    recordName: props.originHostName,
    target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(props.alb, { evaluateTargetHealth: true })),
    failover: props.role === 'primary' ? route53.Failover.PRIMARY : route53.Failover.SECONDARY,
    setIdentifier: FAILOVER_SET_IDENTIFIERS[props.role],
    healthCheck: props.healthCheck,
  });
}
