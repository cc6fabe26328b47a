import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { environmentConfigs, type EnvironmentName } from '../../deploy/aws/lib/environment-config.ts';
import { type SynthesizedApp, resourcesOf, synthesizeAwsApp } from './support/aws-app.ts';

// One synth of the whole app (both environments) for every test in this file.
let synthesized: SynthesizedApp;
before(() => {
  synthesized = synthesizeAwsApp();
});
after(() => synthesized?.cleanup());
const main = (env: EnvironmentName): Template => synthesized.templates[env].main;

const perEnvironment = [
  { env: 'staging', azs: 2, nat: 1, backupDays: 7, protect: false },
  { env: 'production', azs: 3, nat: 3, backupDays: 35, protect: true },
] as const;

describe('network', () => {
  for (const row of perEnvironment) {
    test(`${row.env}: ${row.azs} AZs × public/private/isolated subnets, ${row.nat} NAT gateway(s)`, () => {
      const t = main(row.env);
      t.resourceCountIs('AWS::EC2::VPC', 1);
      t.resourceCountIs('AWS::EC2::Subnet', row.azs * 3);
      t.resourceCountIs('AWS::EC2::NatGateway', row.nat);
      const zones = new Set(resourcesOf(t, 'AWS::EC2::Subnet').map(([, r]) => r.Properties?.AvailabilityZone));
      assert.deepEqual([...zones].sort(), environmentConfigs[row.env].availabilityZones);
      for (const type of ['Public', 'Private', 'Isolated']) {
        const named = resourcesOf(t, 'AWS::EC2::Subnet').filter(([, r]) =>
          JSON.stringify(r.Properties?.Tags).includes(`"aws-cdk:subnet-type","Value":"${type}"`),
        );
        assert.equal(named.length, row.azs, `${type} subnets`);
      }
    });
  }

  test('VPC flow logs capture all traffic into CloudWatch Logs with retention', () => {
    for (const { env } of perEnvironment) {
      main(env).hasResourceProperties('AWS::EC2::FlowLog', {
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
      });
    }
    main('production').hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 90,
      KmsKeyId: Match.anyValue(),
    });
  });

  test('VPC endpoints for ECR (api, dkr), Secrets Manager, CloudWatch Logs (interface) and S3 (gateway)', () => {
    const t = main('staging');
    for (const service of ['ecr.api', 'ecr.dkr', 'secretsmanager', 'logs']) {
      t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: `com.amazonaws.eu-west-1.${service}`,
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
      });
    }
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['.s3'])] }),
    });
  });

  test('security groups: only CloudFront → ALB → app → database / Redis', () => {
    const t = main('production');
    const groups = Object.fromEntries(
      resourcesOf(t, 'AWS::EC2::SecurityGroup').map(([id, r]) => [
        String(r.Properties?.GroupDescription).split(':')[0],
        id,
      ]),
    );
    const ref = (name: string) => ({ 'Fn::GetAtt': [groups[name], 'GroupId'] });
    const ingress = resourcesOf(t, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties ?? {});
    const into = (name: string) => ingress.filter((p) => JSON.stringify(p.GroupId) === JSON.stringify(ref(name)));

    const alb = into('ALB');
    assert.equal(alb.length, 1);
    assert.equal(alb[0]?.SourcePrefixListId, 'pl-4fa04526');
    assert.deepEqual([alb[0]?.FromPort, alb[0]?.ToPort], [80, 443]);

    assert.deepEqual(
      into('Pharos tasks').map((p) => [p.SourceSecurityGroupId, p.FromPort]),
      [[ref('ALB'), 3000]],
    );
    assert.deepEqual(
      into('ElastiCache Redis').map((p) => [p.SourceSecurityGroupId, p.FromPort]),
      [[ref('Pharos tasks'), 6379]],
    );
    // The database admits the tasks and the Secrets Manager rotation function, nobody else.
    const database = into('RDS PostgreSQL');
    assert.equal(database.length, 2);
    assert.deepEqual(database.find((p) => p.FromPort === 5432)?.SourceSecurityGroupId, ref('Pharos tasks'));
    const rotation = database.find((p) => p.FromPort !== 5432);
    assert.match(JSON.stringify(rotation?.SourceSecurityGroupId), /RotationSingleUserSecurityGroup/);
    for (const rule of ingress) assert.equal(rule.CidrIp, undefined, 'no CIDR-based ingress');
    // Inline rules: neither the ALB, the database nor Redis has any inline ingress open to an address range.
    for (const name of ['ALB', 'RDS PostgreSQL', 'ElastiCache Redis', 'Pharos tasks']) {
      const [, sg] = resourcesOf(t, 'AWS::EC2::SecurityGroup').find(([id]) => id === groups[name])!;
      assert.equal(sg.Properties?.SecurityGroupIngress, undefined, `${name} has no inline ingress`);
    }
  });
});

describe('compute', () => {
  test('ECS cluster pharos-<env> with Container Insights; web and worker Fargate services', () => {
    for (const { env } of perEnvironment) {
      const t = main(env);
      t.hasResourceProperties('AWS::ECS::Cluster', {
        ClusterName: `pharos-${env}`,
        ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
      });
      for (const role of ['web', 'worker'] as const) {
        t.hasResourceProperties('AWS::ECS::Service', {
          ServiceName: `pharos-${env}-${role}`,
          LaunchType: 'FARGATE',
          DesiredCount: environmentConfigs[env][role].desiredCount,
          DeploymentConfiguration: Match.objectLike({
            DeploymentCircuitBreaker: { Enable: true, Rollback: true },
          }),
          NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
        });
      }
    }
  });

  test('the web service sits behind the ALB target group; the worker has no load balancer; production runs ≥ 2 workers', () => {
    const t = main('production');
    const services = resourcesOf(t, 'AWS::ECS::Service');
    const web = services.find(([, r]) => r.Properties?.ServiceName === 'pharos-production-web')![1];
    const worker = services.find(([, r]) => r.Properties?.ServiceName === 'pharos-production-worker')![1];
    assert.deepEqual((web.Properties?.LoadBalancers as Array<{ ContainerPort: number }>)[0]?.ContainerPort, 3000);
    assert.equal(worker.Properties?.LoadBalancers, undefined);
    assert.ok((worker.Properties?.DesiredCount as number) >= 2);
  });

  test('containers: ECR image pharos:<tag>, port 3000, role, health check, 30 s stop timeout, logs, secrets from Secrets Manager', () => {
    const t = main('staging');
    for (const role of ['web', 'worker']) {
      t.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Family: `pharos-staging-${role}`,
        RequiresCompatibilities: ['FARGATE'],
        ContainerDefinitions: Match.arrayWith([
          Match.objectLike({
            Name: 'pharos',
            Image: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/pharos:latest$')])] }),
            PortMappings: [Match.objectLike({ ContainerPort: 3000 })],
            StopTimeout: 30,
            Environment: Match.arrayWith([{ Name: 'PHAROS_ROLE', Value: role }]),
            HealthCheck: Match.objectLike({ Command: ['CMD-SHELL', Match.stringLikeRegexp('/healthz')] }),
            LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
            Secrets: Match.arrayWith([
              Match.objectLike({
                Name: 'PHAROS_DB_PASSWORD',
                ValueFrom: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':password::'])] }),
              }),
              Match.objectLike({ Name: 'PHAROS_REDIS_AUTH_TOKEN' }),
              Match.objectLike({ Name: 'PHAROS_METRICS_TOKEN' }),
              Match.objectLike({
                Name: 'PHAROS_SECRET',
                ValueFrom: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':serverSecret::'])] }),
              }),
            ]),
          }),
          Match.objectLike({ Name: 'metrics', Essential: false }),
        ]),
      });
    }
    const passwords = JSON.stringify(t.findResources('AWS::ECS::TaskDefinition'));
    assert.doesNotMatch(passwords, /PHAROS_DB_PASSWORD","Value"/, 'no secret as a plain environment variable');
  });

  test('application logs go to CloudWatch log groups with retention (30 days staging, 90 production)', () => {
    for (const [env, days] of [
      ['staging', 30],
      ['production', 90],
    ] as const) {
      for (const role of ['web', 'worker']) {
        main(env).hasResourceProperties('AWS::Logs::LogGroup', {
          LogGroupName: `/pharos/${env}/${role}`,
          RetentionInDays: days,
        });
      }
    }
  });

  test('autoscaling: web on CPU and ALB request count, worker on CPU only', () => {
    const t = main('production');
    const policies = resourcesOf(t, 'AWS::ApplicationAutoScaling::ScalingPolicy').map(([, r]) =>
      JSON.stringify(r.Properties?.TargetTrackingScalingPolicyConfiguration),
    );
    assert.equal(policies.length, 3);
    assert.equal(policies.filter((p) => p.includes('ECSServiceAverageCPUUtilization')).length, 2);
    assert.equal(policies.filter((p) => p.includes('ALBRequestCountPerTarget')).length, 1);
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: environmentConfigs.production.worker.desiredCount,
      MaxCapacity: environmentConfigs.production.worker.maxCount,
    });
  });
});
