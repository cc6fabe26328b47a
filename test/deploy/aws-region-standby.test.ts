import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../deploy/aws/lib/app.ts';
import { DR_REGION, environmentConfigs } from '../../deploy/aws/lib/environment-config.ts';
import { FAILOVER_SET_IDENTIFIERS } from '../../deploy/aws/lib/failover-records.ts';
import { STANDBY_START_SCRIPT } from '../../deploy/aws/lib/standby-service.ts';
import { standbyServiceCounts } from '../../deploy/aws/lib/standby-stack.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { type SynthesizedApp, resourcesOf, synthesizeAwsApp } from './support/aws-app.ts';

let synthesized: SynthesizedApp;
before(() => {
  synthesized = synthesizeAwsApp();
});
after(() => synthesized?.cleanup());
const standby = (): Template => synthesized.templates.production.standby;
const main = (): Template => synthesized.templates.production.main;
const json = (value: unknown) => JSON.stringify(value);
type Statement = { Action: unknown; Resource: unknown; Effect: string };
const statementsOf = (t: Template): Statement[] =>
  resourcesOf(t, 'AWS::IAM::Policy').flatMap(
    ([, p]) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement,
  );

describe('warm standby ECS service in the DR region', () => {
  test('web and worker services, idle by default (desired count 0), the primary sizes, in the DR region', () => {
    for (const env of ['staging', 'production'] as const) {
      const t = synthesized.templates[env].standby;
      assert.equal(synthesized.pharos.stacks[env].standby.region, DR_REGION);
      for (const role of ['web', 'worker'] as const) {
        t.hasResourceProperties('AWS::ECS::Service', {
          ServiceName: `pharos-${env}-standby-${role}`,
          DesiredCount: 0,
          LaunchType: 'FARGATE',
        });
        t.hasResourceProperties('AWS::ECS::TaskDefinition', {
          Family: `pharos-${env}-standby-${role}`,
          Cpu: String(environmentConfigs[env][role].cpu),
          Memory: String(environmentConfigs[env][role].memoryMiB),
        });
      }
      t.hasResourceProperties('AWS::ECS::Cluster', { ClusterName: `pharos-${env}-standby` });
    }
  });

  test('the tasks run the primary image against the replica, with the secrets copied into this region, without Redis', () => {
    const [, td] = resourcesOf(standby(), 'AWS::ECS::TaskDefinition').find(([id]) => id.includes('webTask'))!;
    const [container] = td.Properties!.ContainerDefinitions as Array<Record<string, unknown>>;
    assert.deepEqual(container!.Command, ['sh', '-c', STANDBY_START_SCRIPT]);
    assert.match(json(container!.Image), /\.dkr\.ecr\.eu-central-1\..*pharos:latest/);
    const env = Object.fromEntries(
      (container!.Environment as Array<{ Name: string; Value: unknown }>).map((e) => [e.Name, e.Value]),
    );
    assert.deepEqual(env.PHAROS_DB_HOST, { 'Fn::GetAtt': ['Replica', 'Endpoint.Address'] });
    assert.deepEqual(env.PHAROS_DB_PORT, { 'Fn::GetAtt': ['Replica', 'Endpoint.Port'] });
    assert.equal(env.PHAROS_BASE_URL, 'https://status.example.com');
    assert.equal(env.PHAROS_REDIS_HOST, undefined);
    const secrets = container!.Secrets as Array<{ Name: string; ValueFrom: unknown }>;
    assert.deepEqual(secrets.map((s) => s.Name).sort(), [
      'PHAROS_DB_PASSWORD',
      'PHAROS_DB_USER',
      'PHAROS_METRICS_TOKEN',
      'PHAROS_SECRET',
    ]);
    for (const s of secrets) assert.match(json(s.ValueFrom), /"eu-central-1"/, `${s.Name} reads this region's copy`);
  });

  test('the execution role reads those copies and decrypts them with the DR key only', () => {
    const statements = statementsOf(standby());
    const decrypt = statements.filter((s) => json(s.Action).includes('kms:Decrypt'));
    assert.ok(decrypt.length > 0);
    for (const s of decrypt) assert.doesNotMatch(json(s.Resource), /"\*"/);
    const read = statements.filter((s) => json(s.Action).includes('secretsmanager:GetSecretValue'));
    assert.ok(read.length >= 2);
    for (const s of read) assert.match(json(s.Resource), /eu-central-1/);
  });

  test('the primary secrets (database, app, server, origin-verify) are replicated to the DR region; Redis’s is not', () => {
    const replicated = resourcesOf(main(), 'AWS::SecretsManager::Secret')
      .filter(([, s]) => json(s.Properties!.ReplicaRegions ?? null).includes(DR_REGION))
      .map(([, s]) => s.Properties!.Name);
    assert.deepEqual(
      replicated.sort(),
      [
        'pharos/production/app',
        'pharos/production/database',
        'pharos/production/origin-verify',
        'pharos/production/server',
      ].sort(),
    );
  });

  test('the standby ALB: only CloudFront’s DR-region prefix list, the same origin-verify header from the copy', () => {
    const t = standby();
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing' });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      SourcePrefixListId: 'pl-a3a144ca',
      FromPort: 80,
      ToPort: 443,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StandbyAlbSecurityGroup'), 'GroupId'] },
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [
        Match.objectLike({
          HttpHeaderConfig: {
            HttpHeaderName: 'X-Pharos-Origin-Verify',
            Values: ['{{resolve:secretsmanager:pharos/production/origin-verify:SecretString:::}}'],
          },
        }),
      ],
    });
    t.hasResourceProperties('AWS::ECS::Service', {
      ServiceName: 'pharos-production-standby-web',
      LoadBalancers: [Match.objectLike({ ContainerPort: 3000 })],
    });
  });

  test('the DR VPC gains public and egress subnets with one NAT gateway; the replica keeps its isolated subnets', () => {
    const t = standby();
    t.resourceCountIs('AWS::EC2::NatGateway', 1);
    const cidrs = resourcesOf(t, 'AWS::EC2::Subnet').map(([, s]) => s.Properties!.CidrBlock);
    assert.deepEqual(cidrs.slice(0, 2), ['10.61.0.0/24', '10.61.1.0/24'], 'the data subnets come first, unchanged');
    assert.equal(cidrs.length, 6);
  });
});

describe('the promotion function scales the standby up', () => {
  test('it is told the cluster and the primary counts, and may update those two services alone', () => {
    const t = standby();
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          STANDBY_CLUSTER: Match.anyValue(),
          STANDBY_SERVICES: 'pharos-production-standby-web=3,pharos-production-standby-worker=2',
        }),
      },
    });
    assert.equal(
      standbyServiceCounts(environmentConfigs.staging),
      'pharos-staging-standby-web=2,pharos-staging-standby-worker=1',
    );
    const update = statementsOf(t).find((s) => json(s.Action).includes('ecs:UpdateService'))!;
    assert.equal(update.Action, 'ecs:UpdateService');
    const services = resourcesOf(t, 'AWS::ECS::Service').map(([id]) => ({ Ref: id }));
    assert.deepEqual((update.Resource as unknown[]).map((r) => json(r)).sort(), services.map((r) => json(r)).sort());
  });
});

describe('Route 53 failover of the origin name', () => {
  test('origin.<host>: PRIMARY → primary ALB with a health check, SECONDARY → standby ALB', () => {
    const primary = resourcesOf(main(), 'AWS::Route53::RecordSet').find(([, r]) => r.Properties!.Failover)!;
    assert.ok(primary, 'a failover record in the primary stack');
    assert.equal(primary[1].Properties!.Failover, 'PRIMARY');
    assert.equal(primary[1].Properties!.Name, 'origin.status.example.com.');
    assert.equal(primary[1].Properties!.SetIdentifier, FAILOVER_SET_IDENTIFIERS.primary);
    assert.ok(primary[1].Properties!.HealthCheckId, 'the primary record has a health check');
    assert.equal(
      resourcesOf(main(), 'AWS::Route53::RecordSet').filter(
        ([, r]) => r.Properties!.Name === 'origin.status.example.com.',
      ).length,
      1,
      'no plain record of the same name left',
    );
    main().hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: Match.objectLike({
        Type: 'CLOUDWATCH_METRIC',
        AlarmIdentifier: { Region: 'eu-west-1', Name: Match.anyValue() },
        InsufficientDataHealthStatus: 'Unhealthy',
      }),
    });
    main().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'pharos-production-no-healthy-web-targets',
      MetricName: 'HealthyHostCount',
      TreatMissingData: 'breaching',
    });
    standby().hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'origin.status.example.com.',
      Type: 'A',
      Failover: 'SECONDARY',
      SetIdentifier: FAILOVER_SET_IDENTIFIERS.secondary,
      AliasTarget: Match.objectLike({ EvaluateTargetHealth: true }),
      HostedZoneId: 'Z0000000000EXAMPLE',
    });
  });
});

describe('context', () => {
  test('standbyDesiredCount=1 keeps one task per service warm; route53Failover=false skips the records with a note', () => {
    const { stacks } = buildApp({ nag: false, context: { standbyDesiredCount: '1', route53Failover: 'false' } });
    const t = Template.fromStack(stacks.staging.standby);
    for (const [, s] of resourcesOf(t, 'AWS::ECS::Service')) assert.equal(s.Properties!.DesiredCount, 1);
    t.resourceCountIs('AWS::Route53::RecordSet', 0);
    const notes = Annotations.fromStack(stacks.staging.standby).findInfo(
      '*',
      Match.stringLikeRegexp('route53Failover=false'),
    );
    assert.equal(Object.keys(notes).length, 1);
    const m = Template.fromStack(stacks.staging.main);
    m.resourceCountIs('AWS::Route53::HealthCheck', 0);
    assert.ok(
      resourcesOf(m, 'AWS::Route53::RecordSet').some(
        ([, r]) => r.Properties!.Name === 'origin.staging.status.example.com.',
      ),
    );
  });

  test('a standby count other than 0 or 1 stops the app with a message naming the key', () => {
    assert.throws(() => buildApp({ nag: false, context: { standbyDesiredCount: '2' } }), /"standbyDesiredCount"/);
  });
});

describe('the standby start command', () => {
  test('drops bus: from the image config, so Pharos uses PostgreSQL LISTEN/NOTIFY; the rest of the file stays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pharos-standby-'));
    try {
      const image = new URL('../../deploy/docker/pharos.yaml', import.meta.url).pathname;
      writeFileSync(join(dir, 'node'), '#!/bin/sh\nprintf "%s\\n" "$PHAROS_DATABASE_URL" "$*"\n');
      chmodSync(join(dir, 'node'), 0o755);
      const script = STANDBY_START_SCRIPT.replaceAll('/etc/pharos/pharos.yaml', image).replaceAll(
        '/tmp/pharos.yaml',
        join(dir, 'pharos.yaml'),
      );
      const [databaseUrl, args] = execFileSync('/bin/sh', ['-c', script], {
        env: {
          PATH: `${dir}:/usr/bin:/bin`,
          PHAROS_ROLE: 'worker',
          PHAROS_DB_USER: 'pharos',
          PHAROS_DB_PASSWORD: 'secretpw',
          PHAROS_DB_HOST: 'pharos-production-replica.abc.eu-central-1.rds.amazonaws.com',
          PHAROS_DB_PORT: '5432',
        },
        encoding: 'utf8',
      }).split('\n');
      assert.equal(args, `bin/pharos.js start --config ${join(dir, 'pharos.yaml')} --role worker`);
      const original = readFileSync(image, 'utf8');
      const copy = readFileSync(join(dir, 'pharos.yaml'), 'utf8');
      assert.match(original, /^bus:/m);
      assert.doesNotMatch(copy, /^bus:|PHAROS_REDIS_URL"/m);
      assert.match(copy, /^metrics:/m, 'what follows bus: is kept');
      // no PHAROS_REDIS_URL at all: the copy still loads, with a PostgreSQL store and no Redis bus
      const config = parseConfigText(copy, 'pharos.yaml', {
        PHAROS_DATABASE_URL: databaseUrl,
        PHAROS_METRICS_TOKEN: 'x'.repeat(32),
        PHAROS_SECRET: 'y'.repeat(48),
      });
      assert.equal(config.storage.url, databaseUrl);
      assert.match(config.storage.url, /^postgres:\/\/pharos:secretpw@pharos-production-replica\./);
      assert.equal(config.bus.redis, undefined);
      assert.throws(() => parseConfigText(original, 'pharos.yaml', { PHAROS_METRICS_TOKEN: 'x'.repeat(32) }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
