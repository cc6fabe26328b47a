import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { resourcePrefix, type EnvironmentName } from './environment-config.ts';

/** CloudFront adds this header with a secret value; the ALB forwards nothing without it. */
export const ORIGIN_VERIFY_HEADER = 'X-Pharos-Origin-Verify';

export interface LoadBalancerProps {
  readonly env: EnvironmentName;
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly zone: route53.IHostedZone;
  /** the name CloudFront connects to (`origin.<host>`), covered by the ALB's certificate */
  readonly originHostName: string;
  readonly originVerifySecret: string;
  readonly accessLogs: s3.IBucket;
}

/**
 * Internet-facing ALB that only CloudFront can reach (security group: CloudFront's prefix list;
 * listener: the origin-verify header). HTTPS with an ACM certificate; port 80 redirects.
 */
export class LoadBalancer extends Construct {
  readonly alb: elbv2.ApplicationLoadBalancer;
  readonly webTargetGroup: elbv2.ApplicationTargetGroup;
  readonly httpsListener: elbv2.ApplicationListener;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const prefix = resourcePrefix(props.env);

    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.originHostName,
      validation: acm.CertificateValidation.fromDns(props.zone),
    });

    this.alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      loadBalancerName: prefix,
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: props.securityGroup,
      dropInvalidHeaderFields: true,
      // SSE streams stay open; Pharos sends a heartbeat well inside this.
      idleTimeout: Duration.seconds(120),
      deletionProtection: props.env === 'production',
    });
    this.alb.logAccessLogs(props.accessLogs, `alb/${props.env}`);

    this.webTargetGroup = new elbv2.ApplicationTargetGroup(this, 'WebTargets', {
      targetGroupName: `${prefix}-web`,
      vpc: props.vpc,
      port: 3000,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      // /readyz/serving answers 503 while a task drains: the ALB stops sending it work. Not /readyz, which also fails
      // while the database is unreachable: every task would turn unhealthy at once and ECS would replace them all, while
      // they can still serve the last pages they built (stale-marked).
      healthCheck: {
        path: '/readyz/serving',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
        healthyHttpCodes: '200',
      },
      deregistrationDelay: Duration.seconds(30),
    });

    this.httpsListener = this.alb.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(403, {
        contentType: 'text/plain',
        messageBody: 'direct access to the origin is not allowed',
      }),
    });
    // /metrics is scraped inside the task by the collector sidecar; it is never served to the internet.
    this.httpsListener.addAction('BlockMetrics', {
      priority: 5,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/metrics', '/metrics/*'])],
      action: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'not found' }),
    });
    this.httpsListener.addAction('FromCloudFront', {
      priority: 10,
      conditions: [elbv2.ListenerCondition.httpHeader(ORIGIN_VERIFY_HEADER, [props.originVerifySecret])],
      action: elbv2.ListenerAction.forward([this.webTargetGroup]),
    });

    this.alb.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
  }
}
