import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from './environment-config.ts';

export interface NetworkProps {
  readonly config: EnvironmentConfig;
  readonly logsKey: kms.IKey;
  /** CloudFront's origin-facing prefix list: the only source the ALB admits */
  readonly cloudFrontPrefixListId: string;
}

/**
 * VPC with public (ALB, NAT), private (tasks) and isolated (RDS, Redis) subnets, flow logs,
 * interface endpoints so image pulls, secrets and logs stay off the NAT, and the security
 * groups that allow only ALB → app → database / Redis.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly albSecurityGroup: ec2.SecurityGroup;
  readonly appSecurityGroup: ec2.SecurityGroup;
  readonly databaseSecurityGroup: ec2.SecurityGroup;
  readonly redisSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { config } = props;

    const flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(config.vpcCidr),
      maxAzs: config.availabilityZones.length,
      natGateways: config.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
      restrictDefaultSecurityGroup: false,
    });

    this.addEndpoints(config.vpcCidr);

    this.albSecurityGroup = this.securityGroup('Alb', 'ALB: HTTPS from CloudFront origin-facing addresses only');
    this.appSecurityGroup = this.securityGroup('App', 'Pharos tasks: port 3000 from the ALB only');
    this.databaseSecurityGroup = this.securityGroup('Database', 'RDS PostgreSQL: 5432 from Pharos tasks only');
    this.redisSecurityGroup = this.securityGroup('Redis', 'ElastiCache Redis: 6379 from Pharos tasks only');

    // One rule for 80 (redirect) and 443: the CloudFront prefix list counts as ~55 of the 60 rules
    // a security group may hold, so two rules referencing it would exceed the default quota.
    this.albSecurityGroup.addIngressRule(
      ec2.Peer.prefixList(props.cloudFrontPrefixListId),
      ec2.Port.tcpRange(80, 443),
      'HTTP (redirect) and HTTPS from CloudFront origin-facing addresses',
    );
    this.albSecurityGroup.addEgressRule(this.appSecurityGroup, ec2.Port.tcp(3000), 'to Pharos tasks');
    this.appSecurityGroup.addIngressRule(this.albSecurityGroup, ec2.Port.tcp(3000), 'from the ALB');
    this.appSecurityGroup.addEgressRule(this.databaseSecurityGroup, ec2.Port.tcp(5432), 'to PostgreSQL');
    this.appSecurityGroup.addEgressRule(this.redisSecurityGroup, ec2.Port.tcp(6379), 'to Redis');
    // Checks probe arbitrary public endpoints, and ECR/Secrets Manager/Logs are reached over HTTPS.
    this.appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS: checks, AWS endpoints');
    this.appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP checks');
    this.appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(53), 'DNS checks (TCP)');
    this.appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.udp(53), 'DNS checks (UDP)');
    this.databaseSecurityGroup.addIngressRule(this.appSecurityGroup, ec2.Port.tcp(5432), 'from Pharos tasks');
    this.redisSecurityGroup.addIngressRule(this.appSecurityGroup, ec2.Port.tcp(6379), 'from Pharos tasks');
  }

  private securityGroup(id: string, description: string): ec2.SecurityGroup {
    // No default allow-all egress: every outbound rule above is deliberate.
    return new ec2.SecurityGroup(this, `${id}SecurityGroup`, { vpc: this.vpc, description, allowAllOutbound: false });
  }

  private addEndpoints(cidr: string): void {
    this.vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface endpoints: HTTPS from inside the VPC',
      allowAllOutbound: false,
    });
    endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
    const services: Record<string, ec2.InterfaceVpcEndpointAwsService> = {
      EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    };
    for (const [name, service] of Object.entries(services)) {
      this.vpc.addInterfaceEndpoint(`${name}Endpoint`, {
        service,
        privateDnsEnabled: true,
        open: false,
        securityGroups: [endpointSecurityGroup],
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      });
    }
  }
}
