import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { FAILOVER_STATUS_CODES, liveOnlyPathPatterns, uncachedPathPatterns } from '../../deploy/aws/lib/edge.ts';
import { DR_REGION, type EnvironmentName } from '../../deploy/aws/lib/environment-config.ts';
import { replicaIdentifier } from '../../deploy/aws/lib/standby-stack.ts';
import { environmentConfigs } from '../../deploy/aws/lib/environment-config.ts';
import { type SynthesizedApp, resourcesOf, synthesizeAwsApp } from './support/aws-app.ts';

let synthesized: SynthesizedApp;
before(() => {
  synthesized = synthesizeAwsApp();
});
after(() => synthesized?.cleanup());
const main = (env: EnvironmentName): Template => synthesized.templates[env].main;
const json = (value: unknown) => JSON.stringify(value);

interface DistributionConfig {
  Origins: Array<{
    Id: string;
    DomainName: unknown;
    S3OriginConfig?: unknown;
    OriginPath?: string;
    OriginAccessControlId?: unknown;
  }>;
  OriginGroups?: {
    Items: Array<{
      Id: string;
      FailoverCriteria: { StatusCodes: { Items: number[] } };
      Members: { Items: Array<{ OriginId: string }> };
    }>;
  };
  DefaultCacheBehavior: { TargetOriginId: string; AllowedMethods: string[] };
  CacheBehaviors: Array<{ PathPattern: string; TargetOriginId: string; AllowedMethods?: string[] }>;
}

function distributionOf(env: EnvironmentName): DistributionConfig {
  const [, d] = resourcesOf(main(env), 'AWS::CloudFront::Distribution')[0]!;
  return d.Properties!.DistributionConfig as DistributionConfig;
}

describe('static copy behind CloudFront', () => {
  test('the default behaviour is an origin group: the ALB first, the S3 copy on 5xx', () => {
    const d = distributionOf('production');
    const alb = d.Origins.find((o) => o.DomainName === 'origin.status.example.com')!;
    const bucket = d.Origins.find((o) => o.S3OriginConfig !== undefined)!;
    assert.ok(alb && bucket, 'two origins: the ALB and the bucket');
    assert.equal(bucket.OriginPath, '/site');
    assert.ok(bucket.OriginAccessControlId, 'the bucket is read through origin access control');
    const group = d.OriginGroups!.Items[0]!;
    assert.deepEqual(
      group.Members.Items.map((m) => m.OriginId),
      [alb.Id, bucket.Id],
    );
    assert.deepEqual(group.FailoverCriteria.StatusCodes.Items.sort(), [...FAILOVER_STATUS_CODES].sort());
    assert.equal(d.DefaultCacheBehavior.TargetOriginId, group.Id);
    assert.deepEqual(d.DefaultCacheBehavior.AllowedMethods.sort(), ['GET', 'HEAD']);
  });

  test('/admin, /api/v1, the stream, push and every POST route go to the ALB alone: they never fall back', () => {
    const d = distributionOf('production');
    const albIds = d.Origins.filter((o) => o.DomainName === 'origin.status.example.com').map((o) => o.Id);
    for (const pattern of [...uncachedPathPatterns, ...liveOnlyPathPatterns]) {
      const b = d.CacheBehaviors.find((x) => x.PathPattern === pattern);
      assert.ok(b, pattern);
      assert.ok(albIds.includes(b.TargetOriginId), `${pattern} must go to the ALB alone, not ${b.TargetOriginId}`);
    }
    assert.ok(d.CacheBehaviors.find((b) => b.PathPattern === '/subscribe*')!.AllowedMethods!.includes('POST'));
  });

  test('the bucket: private, TLS only, versioned; CloudFront may read it, the web task role may write under site/', () => {
    const t = main('production');
    t.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'static-copy/production/' }),
    });
    const policies = resourcesOf(t, 'AWS::S3::BucketPolicy').map(([, p]) => json(p.Properties));
    assert.ok(policies.some((p) => p.includes('cloudfront.amazonaws.com') && p.includes('s3:GetObject')));
    const webPolicy = resourcesOf(t, 'AWS::IAM::Policy').find(([id]) =>
      id.startsWith('ComputewebTaskTaskRoleDefaultPolicy'),
    )!;
    const statements = (webPolicy[1].Properties!.PolicyDocument as { Statement: Array<Record<string, unknown>> })
      .Statement;
    const find = (action: string) => statements.find((s) => json(s.Action).includes(action));
    assert.deepEqual(find('s3:PutObject')!.Action, ['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    assert.match(json(find('s3:PutObject')!.Resource), /\/site\/\*/);
    assert.deepEqual(find('s3:ListBucket')!.Condition, { StringLike: { 's3:prefix': ['site/*'] } });
    assert.match(json(find('cloudfront:CreateInvalidation')!.Resource), /distribution\//);
    const workerPolicy = resourcesOf(t, 'AWS::IAM::Policy').find(([id]) =>
      id.startsWith('ComputeworkerTaskTaskRoleDefaultPolicy'),
    )!;
    assert.doesNotMatch(
      json(workerPolicy[1].Properties),
      /s3:PutObject|CreateInvalidation/,
      'only the web tasks publish',
    );
  });

  test('the web container is told the bucket, prefix and distribution', () => {
    const [, td] = resourcesOf(main('staging'), 'AWS::ECS::TaskDefinition').find(([id]) =>
      id.startsWith('ComputewebTask'),
    )!;
    const env = json(td.Properties!.ContainerDefinitions);
    for (const name of [
      'PHAROS_PUBLISH_BUCKET',
      'PHAROS_PUBLISH_PREFIX',
      'PHAROS_CLOUDFRONT_DISTRIBUTION_ID',
      'PHAROS_SNS_TOPIC_ARN',
    ])
      assert.ok(env.includes(name), name);
  });
});

describe('SNS: the alarm topic and Pharos’s own channel topic', () => {
  test('the alarm topic has the e-mail subscription; the channel topic is encrypted and subscribed, the tasks may publish', () => {
    const t = main('production');
    t.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'pharos-production-alarms' });
    t.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'pharos-production-pharos-alerts',
      KmsMasterKeyId: Match.anyValue(),
    });
    const subs = resourcesOf(t, 'AWS::SNS::Subscription').map(([, s]) => s.Properties);
    assert.ok(subs.filter((s) => s?.Protocol === 'email' && s.Endpoint === 'ops@example.com').length >= 2);
    for (const role of ['web', 'worker']) {
      const [, policy] = resourcesOf(t, 'AWS::IAM::Policy').find(([id]) =>
        id.startsWith(`Compute${role}TaskTaskRoleDefaultPolicy`),
      )!;
      assert.match(json(policy.Properties), /sns:Publish/, role);
    }
  });
});

describe('disaster recovery in the DR region', () => {
  test('a cross-region read replica of the primary, encrypted with a DR-region key', () => {
    for (const env of ['staging', 'production'] as const) {
      const standby = synthesized.pharos.stacks[env].standby;
      assert.equal(standby.region, DR_REGION);
      const t = synthesized.templates[env].standby;
      t.hasResourceProperties('AWS::RDS::DBInstance', {
        DBInstanceIdentifier: replicaIdentifier(environmentConfigs[env]),
        SourceDBInstanceIdentifier: Match.anyValue(),
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReplicaKey'), 'Arn'] },
        PubliclyAccessible: false,
        DeletionProtection: environmentConfigs[env].database.protect,
      });
      t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    }
  });

  test('RDS failure events are forwarded from the primary region and promote the replica through a Lambda', () => {
    const primary = main('production');
    const forward = resourcesOf(primary, 'AWS::Events::Rule').find(([id]) => id.startsWith('DatabaseEventsToDr'))!;
    const rule = forward[1].Properties as { EventPattern: Record<string, unknown>; Targets: unknown[] };
    assert.deepEqual(rule.EventPattern.source, ['aws.rds']);
    assert.deepEqual(rule.EventPattern['detail-type'], ['RDS DB Instance Event']);
    assert.match(json(rule.Targets), new RegExp(`:events:${DR_REGION}:".*:event-bus/default`));
    const t = synthesized.templates.production.standby;
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.rds', 'pharos.dr'] }),
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PromoteReplica'), 'Arn'] } })],
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: { REPLICA_ID: 'pharos-production-replica' } },
    });
  });

  test('the promotion permission names that replica alone', () => {
    const t = synthesized.templates.production.standby;
    const policies = resourcesOf(t, 'AWS::IAM::Policy').map(
      ([, p]) => p.Properties!.PolicyDocument as { Statement: Array<Record<string, unknown>> },
    );
    const promote = policies
      .flatMap((p) => p.Statement)
      .find((s) => json(s.Action).includes('rds:PromoteReadReplica'))!;
    assert.deepEqual(promote.Action, ['rds:DescribeDBInstances', 'rds:PromoteReadReplica']);
    assert.match(json(promote.Resource), /:db:pharos-production-replica"/);
    assert.doesNotMatch(json(promote.Resource), /\*/);
  });
});

describe('cost management (us-east-1)', () => {
  test('a Cost and Usage Report into its own bucket, and anomaly detection on the environment tag alerting a subscribed topic', () => {
    const edge = synthesized.templates.production.edge;
    edge.hasResourceProperties('AWS::CUR::ReportDefinition', {
      ReportName: 'pharos-production-cost-and-usage',
      TimeUnit: 'HOURLY',
      S3Region: 'us-east-1',
    });
    edge.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorType: 'CUSTOM',
      MonitorSpecification: Match.stringLikeRegexp('production'),
    });
    edge.hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'IMMEDIATE',
      Subscribers: [Match.objectLike({ Type: 'SNS' })],
    });
    edge.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    main('production').resourceCountIs('AWS::Budgets::Budget', 1);
  });
});
