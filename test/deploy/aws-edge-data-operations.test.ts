import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { liveOnlyPathPatterns, uncachedPathPatterns } from '../../deploy/aws/lib/edge.ts';
import { environmentConfigs, type EnvironmentName } from '../../deploy/aws/lib/environment-config.ts';
import { adotCollectorConfig, exportedPharosMetrics } from '../../deploy/aws/lib/metrics-sidecar.ts';
import { type SynthesizedApp, resourcesOf, synthesizeAwsApp } from './support/aws-app.ts';

let synthesized: SynthesizedApp;
before(() => {
  synthesized = synthesizeAwsApp();
});
after(() => synthesized?.cleanup());
const main = (env: EnvironmentName): Template => synthesized.templates[env].main;
const environments = ['staging', 'production'] as const;
/** CloudFront's managed "CachingDisabled" cache policy. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

describe('edge', () => {
  test('us-east-1 stack: DNS-validated certificate for the host and a CLOUDFRONT web ACL with managed rules and a rate rule', () => {
    for (const [env, host] of [
      ['staging', 'staging.status.example.com'],
      ['production', 'status.example.com'],
    ] as const) {
      const edge = synthesized.templates[env].edge;
      edge.hasResourceProperties('AWS::CertificateManager::Certificate', {
        DomainName: host,
        ValidationMethod: 'DNS',
        DomainValidationOptions: [{ DomainName: host, HostedZoneId: 'Z0000000000EXAMPLE' }],
      });
      edge.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'CLOUDFRONT',
        DefaultAction: { Allow: {} },
        Rules: Match.arrayWith([
          Match.objectLike({
            Action: { Block: {} },
            Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
          }),
          Match.objectLike({
            Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
          }),
          Match.objectLike({
            Statement: {
              ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' },
            },
          }),
        ]),
      });
      edge.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
    }
    assert.equal(synthesized.pharos.stacks.production.edge.region, 'us-east-1');
  });

  test('ALB: HTTPS listener with an ACM certificate and a TLS 1.2+ policy, HTTP → HTTPS redirect, /readyz target health', () => {
    const t = main('production');
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
      ]),
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: Match.anyValue() }],
      SslPolicy: Match.stringLikeRegexp('^ELBSecurityPolicy-TLS13'),
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 3000,
      TargetType: 'ip',
      HealthCheckPath: '/readyz/serving',
    });
    t.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'origin.status.example.com',
      ValidationMethod: 'DNS',
    });
  });

  test('the ALB forwards only requests carrying the origin-verify header that CloudFront adds; /metrics is never forwarded', () => {
    const t = main('staging');
    const rules = resourcesOf(t, 'AWS::ElasticLoadBalancingV2::ListenerRule').map(([, r]) => r.Properties ?? {});
    const forward = rules.filter((r) => JSON.stringify(r.Actions).includes('"forward"'));
    assert.equal(forward.length, 1);
    assert.match(
      JSON.stringify(forward[0]?.Conditions),
      /"HttpHeaderName":"X-Pharos-Origin-Verify".*resolve:secretsmanager/,
    );
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      DefaultActions: [
        Match.objectLike({ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '403' }) }),
      ],
    });
    const metrics = rules.find((r) => JSON.stringify(r.Conditions).includes('/metrics'));
    assert.ok(metrics && (metrics.Priority as number) < (forward[0]?.Priority as number));
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({ OriginCustomHeaders: [Match.objectLike({ HeaderName: 'X-Pharos-Origin-Verify' })] }),
        ]),
      }),
    });
  });

  test('CloudFront: HTTPS only, short caching for public pages, caching disabled for /admin, /api/v1, the stream and push', () => {
    const t = main('production');
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['status.example.com'],
        WebACLId: Match.anyValue(),
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          CachePolicyId: Match.objectLike({ Ref: Match.anyValue() }),
        }),
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: 'origin.status.example.com',
            CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }),
          }),
        ]),
      }),
    });
    // The certificate and the web ACL are the us-east-1 edge stack's, read through cross-region references.
    const config = JSON.stringify(
      resourcesOf(t, 'AWS::CloudFront::Distribution')[0]![1].Properties?.DistributionConfig,
    );
    assert.match(
      config,
      /"AcmCertificateArn":\{"Fn::GetAtt":\["ExportsReader[^"]*","[^"]*PharosProductionEdgeuseast1RefCertificate/,
    );
    assert.match(
      config,
      /"WebACLId":\{"Fn::GetAtt":\["ExportsReader[^"]*","[^"]*PharosProductionEdgeuseast1FnGetAttWebAclArn/,
    );
    t.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ MinTTL: 0, DefaultTTL: 10, MaxTTL: 60 }),
    });
    const [, distribution] = resourcesOf(t, 'AWS::CloudFront::Distribution')[0]!;
    const behaviors = (
      distribution.Properties?.DistributionConfig as { CacheBehaviors: Array<Record<string, unknown>> }
    ).CacheBehaviors;
    for (const pattern of ['/admin*', '/api/v1/*']) assert.ok(uncachedPathPatterns.includes(pattern as never));
    assert.deepEqual(
      behaviors.map((b) => b.PathPattern).sort(),
      [...uncachedPathPatterns, ...liveOnlyPathPatterns].sort(),
    );
    for (const behavior of behaviors) {
      assert.equal(behavior.CachePolicyId, CACHING_DISABLED, `${String(behavior.PathPattern)} must not be cached`);
      assert.equal(behavior.ViewerProtocolPolicy, 'redirect-to-https');
    }
  });

  test('Route 53: A and AAAA aliases to CloudFront, and the origin name aliased to the ALB', () => {
    const t = main('staging');
    const records = resourcesOf(t, 'AWS::Route53::RecordSet').map(([, r]) => [
      r.Properties?.Name,
      r.Properties?.Type,
      JSON.stringify(r.Properties?.AliasTarget),
    ]);
    const find = (name: string, type: string) =>
      String(records.find(([n, ty]) => n === name && ty === type)?.[2] ?? '');
    assert.match(find('staging.status.example.com.', 'A'), /EdgeDistribution/);
    assert.match(find('staging.status.example.com.', 'AAAA'), /EdgeDistribution/);
    assert.match(find('origin.staging.status.example.com.', 'A'), /LoadBalancer/);
  });
});

describe('data', () => {
  for (const env of environments) {
    const config = environmentConfigs[env];
    test(`${env}: RDS PostgreSQL Multi-AZ, encrypted, ${config.database.backupRetentionDays}-day backups, Performance Insights, backups replicated to the DR region`, () => {
      const t = main(env);
      t.hasResource('AWS::RDS::DBInstance', {
        Properties: Match.objectLike({
          DBInstanceIdentifier: `pharos-${env}`,
          Engine: 'postgres',
          MultiAZ: true,
          StorageEncrypted: true,
          KmsKeyId: Match.anyValue(),
          BackupRetentionPeriod: config.database.backupRetentionDays,
          DeletionProtection: config.database.protect,
          EnablePerformanceInsights: true,
          PubliclyAccessible: false,
          AutomaticBackupReplicationRegion: 'eu-central-1',
          AutomaticBackupReplicationKmsKeyId: Match.anyValue(),
        }),
        // production keeps a final snapshot when the instance is deleted or replaced
        DeletionPolicy: config.database.protect ? 'Snapshot' : 'Delete',
        UpdateReplacePolicy: config.database.protect ? 'Snapshot' : 'Delete',
      });
    });
  }

  test('PostgreSQL only accepts TLS and logs statements slower than 1 s', () => {
    main('staging').hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'postgres16',
      Parameters: { 'rds.force_ssl': '1', log_min_duration_statement: '1000' },
    });
    main('staging').hasResourceProperties('AWS::RDS::DBInstance', {
      DBParameterGroupName: { Ref: Match.stringLikeRegexp('PostgresParameters') },
    });
  });

  test('a successful rotation of the database secret redeploys web and worker (EventBridge → Lambda allowed only ecs:UpdateService on them)', () => {
    const t = main('production');
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.secretsmanager'],
        'detail-type': ['AWS Service Event via CloudTrail'],
        detail: {
          eventName: ['RotationSucceeded'],
          additionalEventData: { SecretId: [{ Ref: Match.stringLikeRegexp('DataPostgresSecretAttachment') }] },
        },
      },
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('RotationRedeployFunction'), 'Arn'] } }),
      ],
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Environment: { Variables: Match.objectLike({ CLUSTER: { Ref: Match.anyValue() } }) },
    });
    const policies = resourcesOf(t, 'AWS::IAM::Policy').filter(([id]) => id.startsWith('RotationRedeploy'));
    assert.equal(policies.length, 1);
    const statements = (
      policies[0]![1].Properties?.PolicyDocument as { Statement: Array<{ Action: unknown; Resource: unknown }> }
    ).Statement;
    const ecsStatement = statements.find((st) => st.Action === 'ecs:UpdateService');
    const serviceIds = resourcesOf(t, 'AWS::ECS::Service').map(([id]) => ({ Ref: id }));
    assert.deepEqual(ecsStatement?.Resource, serviceIds, 'exactly the web and worker services');
    assert.doesNotMatch(JSON.stringify(statements), /"\*"/, 'no wildcard resource');
  });

  test('database credentials: generated into pharos/<env>/database without URL-unsafe characters, rotated every 30 days', () => {
    const t = main('production');
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'pharos/production/database',
      GenerateSecretString: Match.objectLike({
        GenerateStringKey: 'password',
        SecretStringTemplate: '{"username":"pharos"}',
      }),
    });
    const [, secret] = resourcesOf(t, 'AWS::SecretsManager::Secret').find(
      ([, r]) => r.Properties?.Name === 'pharos/production/database',
    )!;
    const excluded = (secret.Properties?.GenerateSecretString as { ExcludeCharacters: string }).ExcludeCharacters;
    for (const c of ':/@?#%&+')
      assert.ok(excluded.includes(c), `"${c}" would break postgres://user:password@host URLs`);
    t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
      RotationLambdaARN: Match.anyValue(),
    });
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'pharos/production/app',
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'metricsToken' }),
    });
  });

  test('ElastiCache Redis: replication group, Multi-AZ with automatic failover, TLS in transit, encrypted at rest, AUTH token from Secrets Manager', () => {
    for (const env of environments) {
      main(env).hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
        ReplicationGroupId: `pharos-${env}-redis`,
        MultiAZEnabled: true,
        AutomaticFailoverEnabled: true,
        TransitEncryptionEnabled: true,
        AtRestEncryptionEnabled: true,
        KmsKeyId: Match.anyValue(),
        ReplicasPerNodeGroup: environmentConfigs[env].redis.replicasPerShard,
        AuthToken: Match.objectLike({
          'Fn::Join': ['', Match.arrayWith(['{{resolve:secretsmanager:', ':SecretString:authToken::}}'])],
        }),
      });
    }
  });

  test('every customer-managed KMS key rotates; the DR stack (eu-central-1) holds the DR vault and its key', () => {
    for (const env of environments) {
      for (const template of [main(env), synthesized.templates[env].dr]) {
        const keys = resourcesOf(template, 'AWS::KMS::Key');
        assert.ok(keys.length > 0);
        for (const [id, key] of keys) assert.equal(key.Properties?.EnableKeyRotation, true, id);
      }
      synthesized.templates[env].dr.hasResourceProperties('AWS::Backup::BackupVault', {
        BackupVaultName: `pharos-${env}-dr`,
      });
      assert.equal(synthesized.pharos.stacks[env].dr.region, 'eu-central-1');
    }
  });
});

describe('operations', () => {
  const expectedAlarms = [
    'alb-5xx',
    'target-latency-p95',
    'web-cpu',
    'web-memory',
    'worker-cpu',
    'worker-memory',
    'rds-cpu',
    'rds-free-storage',
    'rds-connections',
    'redis-memory',
    'scheduler-lag',
    'outbox-oldest-pending',
    'outbox-pending',
    'metrics-missing',
  ];

  test('alarms named pharos-<env>-… notify the pharos-<env>-alarms SNS topic on ALARM and OK', () => {
    for (const env of environments) {
      const t = main(env);
      t.hasResourceProperties('AWS::SNS::Topic', {
        TopicName: `pharos-${env}-alarms`,
        KmsMasterKeyId: Match.anyValue(),
      });
      const [topicId] = resourcesOf(t, 'AWS::SNS::Topic')[0]!;
      const alarms = resourcesOf(t, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties ?? {});
      const names = alarms.map((a) => String(a.AlarmName));
      for (const name of expectedAlarms) assert.ok(names.includes(`pharos-${env}-${name}`), `missing alarm ${name}`);
      for (const alarm of alarms) {
        assert.match(String(alarm.AlarmName), new RegExp(`^pharos-${env}-`));
        assert.deepEqual(alarm.AlarmActions, [{ Ref: topicId }]);
        assert.deepEqual(alarm.OKActions, [{ Ref: topicId }]);
      }
    }
  });

  test('a failed rotation of the database secret is reported to the alarm topic', () => {
    const t = main('staging');
    const [topicId] = resourcesOf(t, 'AWS::SNS::Topic')[0]!;
    t.hasResourceProperties('AWS::Events::Rule', {
      Name: 'pharos-staging-secret-rotation-failed',
      EventPattern: Match.objectLike({ detail: Match.objectLike({ eventName: ['RotationFailed'] }) }),
      Targets: [Match.objectLike({ Arn: { Ref: topicId } })],
    });
  });

  test("Pharos's own alarms read metrics that Pharos exports and the collector sidecar forwards", () => {
    const alarms = resourcesOf(main('production'), 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties ?? {});
    const pharos = alarms.filter((a) => a.Namespace === 'Pharos');
    assert.deepEqual(pharos.map((a) => a.MetricName).sort(), [
      'pharos_outbox_oldest_pending_age_seconds', // outbox-oldest-pending
      'pharos_outbox_oldest_pending_age_seconds', // metrics-missing
      'pharos_outbox_pending',
      'pharos_scheduler_lag_seconds',
    ]);
    const missing = pharos.find((a) => String(a.AlarmName).endsWith('-metrics-missing'));
    assert.deepEqual(
      [missing?.Statistic, missing?.ComparisonOperator, missing?.TreatMissingData],
      ['SampleCount', 'LessThanThreshold', 'breaching'],
    );
    const sources = ['check-metrics.ts', 'outbox-metrics.ts']
      .map((f) => readFileSync(new URL(`../../src/ops/metrics/${f}`, import.meta.url), 'utf8'))
      .join('\n');
    for (const alarm of pharos) {
      assert.ok(exportedPharosMetrics.includes(alarm.MetricName as never));
      assert.ok(
        sources.includes(`'${String(alarm.MetricName)}'`),
        `${String(alarm.MetricName)} is not a metric Pharos defines`,
      );
      assert.deepEqual(alarm.Dimensions, [{ Name: 'environment', Value: 'production' }]);
    }
    const config = parse(adotCollectorConfig('production', 'worker', '/pharos/production/metrics')) as {
      receivers: {
        prometheus: {
          config: {
            scrape_configs: Array<{
              metrics_path: string;
              static_configs: Array<{ targets: string[]; labels: Record<string, string> }>;
            }>;
          };
        };
      };
      exporters: { awsemf: { namespace: string; metric_declarations: Array<{ dimensions: string[][] }> } };
    };
    const scrape = config.receivers.prometheus.config.scrape_configs[0]!;
    assert.equal(scrape.metrics_path, '/metrics');
    assert.deepEqual(scrape.static_configs[0]?.targets, ['127.0.0.1:3000']);
    assert.equal(scrape.static_configs[0]?.labels.environment, 'production');
    assert.equal(config.exporters.awsemf.namespace, 'Pharos');
    assert.ok(config.exporters.awsemf.metric_declarations[0]?.dimensions.some((d) => d.join() === 'environment'));
  });

  test('dashboard, AWS Backup plan with a copy to the DR-region vault, and a monthly budget with alerts', () => {
    const context = (
      JSON.parse(readFileSync(new URL('../../deploy/aws/cdk.json', import.meta.url), 'utf8')) as {
        context: Record<string, string>;
      }
    ).context;
    const budgets = { staging: Number(context.stagingBudgetUsd), production: Number(context.productionBudgetUsd) };
    assert.ok(budgets.staging > 0 && budgets.production > budgets.staging);
    for (const env of environments) {
      const t = main(env);
      t.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `pharos-${env}` });
      const body = JSON.stringify(resourcesOf(t, 'AWS::CloudWatch::Dashboard')[0]![1].Properties?.DashboardBody);
      for (const shown of [
        'AWS/ApplicationELB',
        'AWS/ECS',
        'AWS/RDS',
        'AWS/ElastiCache',
        ...exportedPharosMetrics.filter((n) => n !== 'pharos_http_requests_total'),
        'alarm',
      ]) {
        assert.ok(body.includes(shown), `dashboard shows ${shown}`);
      }
      t.hasResourceProperties('AWS::Backup::BackupPlan', {
        BackupPlan: {
          BackupPlanName: `pharos-${env}`,
          BackupPlanRule: [
            Match.objectLike({
              Lifecycle: { DeleteAfterDays: environmentConfigs[env].backupPlanRetentionDays },
              CopyActions: [
                Match.objectLike({
                  DestinationBackupVaultArn: {
                    'Fn::Join': [
                      '',
                      Match.arrayWith([
                        Match.stringLikeRegexp(`:backup:eu-central-1:`),
                        `:backup-vault:pharos-${env}-dr`,
                      ]),
                    ],
                  },
                }),
              ],
            }),
          ],
        },
      });
      t.hasResourceProperties('AWS::Backup::BackupSelection', {
        BackupSelection: Match.objectLike({
          Resources: [Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':db:'])] })],
        }),
      });
      t.hasResourceProperties('AWS::Budgets::Budget', {
        Budget: Match.objectLike({
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: budgets[env], Unit: 'USD' },
        }),
        NotificationsWithSubscribers: Match.arrayWith([
          Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 80 }) }),
          Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }) }),
        ]),
      });
    }
  });
});
