import { ArnFormat, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { CostReporting } from './cost-reporting.ts';
import { type EnvironmentConfig, resourcePrefix } from './environment-config.ts';

export interface EdgeStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly hostName: string;
  readonly hostedZoneId: string;
  readonly hostedZoneName: string;
  /** where cost anomalies are mailed */
  readonly alarmEmail: string;
  /** requests per 5 minutes from one client address before WAF blocks it */
  readonly rateLimitPer5Minutes?: number;
}

/**
 * us-east-1 half of an environment: CloudFront accepts only certificates and CLOUDFRONT-scope
 * web ACLs from us-east-1. The main stack reads both ARNs through CDK cross-region references.
 * WAF sits at CloudFront (not the ALB) so its rate rule sees the visitor's own address.
 */
export class PharosEdgeStack extends Stack {
  readonly certificate: acm.Certificate;
  readonly webAcl: wafv2.CfnWebACL;
  readonly cost: CostReporting;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const prefix = resourcePrefix(props.config.name);
    this.cost = new CostReporting(this, 'Cost', { config: props.config, alarmEmail: props.alarmEmail });
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: props.hostedZoneId,
      zoneName: props.hostedZoneName,
    });
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.hostName,
      validation: acm.CertificateValidation.fromDns(zone),
    });

    const managed = (priority: number, name: string): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(`${prefix}-${name}`),
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `${prefix}-cloudfront`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}-cloudfront`),
      rules: [
        {
          name: 'rate-limit-per-ip',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.rateLimitPer5Minutes ?? 2000, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility(`${prefix}-rate-limit`),
        },
        managed(1, 'AWSManagedRulesAmazonIpReputationList'),
        managed(2, 'AWSManagedRulesCommonRuleSet'),
        managed(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    // WAF logs must go to a log group whose name starts with aws-waf-logs-.
    const wafLogs = new logs.LogGroup(this, 'WafLogs', {
      logGroupName: `aws-waf-logs-${prefix}`,
      retention: props.config.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new wafv2.CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: this.webAcl.attrArn,
      // the log group ARN without the ':*' suffix that logGroupArn carries
      logDestinationConfigs: [
        this.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: wafLogs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    });
  }
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}
