// The config the ECS tasks start with (deploy/docker/aws.yaml, or aws-without-sns.yaml without the channel's topic):
// it must accept what the task definitions pass, and the task definitions must pass every variable it requires.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { after, describe, test } from 'node:test';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../deploy/aws/lib/app.ts';
import { START_SCRIPT, awsConfigFile } from '../../deploy/aws/lib/compute.ts';
import { STANDBY_START_SCRIPT } from '../../deploy/aws/lib/standby-service.ts';
import { STATIC_COPY_PREFIX } from '../../deploy/aws/lib/static-copy.ts';
import { substituteEnv } from '../../src/config/env-substitution.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { serverSecretMissing } from '../../src/config/server-secret-rule.ts';
import { resourcesOf } from './support/aws-app.ts';
import { instructionsOf, parseDockerfile } from './support/dockerfile-model.ts';

const REPO = new URL('../..', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');
const WITH_SNS = read('deploy/docker/aws.yaml');
const WITHOUT_SNS = read('deploy/docker/aws-without-sns.yaml');

/** What the task definitions set, shaped like the real values. */
const TASK_ENV: Record<string, string> = {
  PHAROS_DATABASE_URL: 'postgres://pharos:secret@pharos-staging.abc.eu-west-1.rds.amazonaws.com:5432/pharos',
  PHAROS_REDIS_URL: 'rediss://:secret@master.pharos-staging-redis.abc.euw1.cache.amazonaws.com:6379',
  PHAROS_METRICS_TOKEN: 'Abc123metricsTokenGeneratedBySecretsManager0123456789abcdefghijkl',
  PHAROS_SECRET: 'Abc123serverSecretGeneratedBySecretsManager01234567890abcdefghijk',
  PHAROS_BASE_URL: 'https://staging.status.example.com',
  PHAROS_TRUST_PROXY: '2',
  PHAROS_AWS_REGION: 'eu-west-1',
  PHAROS_PUBLISH_BUCKET: 'pharosstaging-edgestaticcopybucket105db35d-1a2b3c4d5e6f',
  PHAROS_PUBLISH_PREFIX: STATIC_COPY_PREFIX,
  PHAROS_CLOUDFRONT_DISTRIBUTION_ID: 'E2QWRUHAPOMQZL',
  PHAROS_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:pharos-staging-pharos-alerts',
};

/** Variables a config reads without a default: Pharos refuses to start when one is unset. */
function requiredVariables(configText: string): string[] {
  return [...new Set(substituteEnv(configText, {}).missing)].sort();
}

describe('aws.yaml', () => {
  test('takes the static copy target, the sns channel and the server secret from the task variables', () => {
    const config = parseConfigText(WITH_SNS, 'aws.yaml', TASK_ENV);
    assert.deepEqual(config.publish?.targets, [
      {
        type: 's3',
        bucket: TASK_ENV.PHAROS_PUBLISH_BUCKET,
        prefix: STATIC_COPY_PREFIX,
        region: 'eu-west-1',
        cloudfront_distribution_id: TASK_ENV.PHAROS_CLOUDFRONT_DISTRIBUTION_ID,
      },
    ]);
    const [channel, ...others] = config.notifications;
    assert.equal(others.length, 0);
    assert.equal(channel?.type, 'sns');
    assert.equal(channel?.type === 'sns' && channel.topic_arn, TASK_ENV.PHAROS_SNS_TOPIC_ARN);
    assert.equal(channel?.type === 'sns' && channel.region, 'eu-west-1');
    assert.equal(config.server.secret, TASK_ENV.PHAROS_SECRET);
    for (const role of ['web', 'worker']) assert.equal(serverSecretMissing(config, role), null, role);
    assert.equal(config.storage.url, TASK_ENV.PHAROS_DATABASE_URL);
    assert.equal(config.bus.redis?.url, TASK_ENV.PHAROS_REDIS_URL);
    assert.equal(config.metrics.token, TASK_ENV.PHAROS_METRICS_TOKEN);
    assert.equal(config.server.trust_proxy, 2);
    const { PHAROS_PUBLISH_PREFIX: _default, ...withoutPrefix } = TASK_ENV;
    assert.equal(parseConfigText(WITH_SNS, 'aws.yaml', withoutPrefix).publish?.targets[0]?.type, 's3');
  });

  test('requires every AWS variable: nothing falls back to SQLite, to no secret or to no target', () => {
    assert.deepEqual(requiredVariables(WITH_SNS), [
      'PHAROS_AWS_REGION',
      'PHAROS_BASE_URL',
      'PHAROS_CLOUDFRONT_DISTRIBUTION_ID',
      'PHAROS_DATABASE_URL',
      'PHAROS_METRICS_TOKEN',
      'PHAROS_PUBLISH_BUCKET',
      'PHAROS_REDIS_URL',
      'PHAROS_SECRET',
      'PHAROS_SNS_TOPIC_ARN',
    ]);
    const { PHAROS_SECRET: _unset, ...withoutSecret } = TASK_ENV;
    assert.throws(() => parseConfigText(WITH_SNS, 'aws.yaml', withoutSecret), /server\.secret: .*PHAROS_SECRET/);
  });

  test('aws-without-sns.yaml is aws.yaml without `notifications:`', () => {
    const withSns = parseConfigText(WITH_SNS, 'aws.yaml', TASK_ENV);
    const { PHAROS_SNS_TOPIC_ARN: _none, ...withoutTopic } = TASK_ENV;
    const withoutSns = parseConfigText(WITHOUT_SNS, 'aws-without-sns.yaml', withoutTopic);
    assert.deepEqual(withoutSns, { ...withSns, notifications: [] });
    assert.deepEqual(
      requiredVariables(WITHOUT_SNS),
      requiredVariables(WITH_SNS).filter((name) => name !== 'PHAROS_SNS_TOPIC_ARN'),
    );
  });

  test('the image holds both files where the task definitions look for them', () => {
    const model = parseDockerfile(read('deploy/docker/Dockerfile'));
    const copies = instructionsOf(model.stages.at(-1)!, 'COPY').filter((c) => c.flags.from === undefined);
    for (const imagePath of [awsConfigFile(true), awsConfigFile(false)]) {
      const source = `deploy/docker/${posix.basename(imagePath)}`;
      const copy = copies.find((c) => c.args.slice(0, -1).includes(source));
      assert.ok(copy, `a COPY of ${source}`);
      const dest = copy.args.at(-1)!;
      assert.equal(dest.endsWith('/') ? posix.join(dest, posix.basename(source)) : dest, imagePath);
    }
  });
});

interface ContainerDefinition {
  Name: string;
  Environment?: Array<{ Name: string; Value: unknown }>;
  Secrets?: Array<{ Name: string; ValueFrom: unknown }>;
}

/** The variables a start script exports before it execs Pharos. */
const exportedBy = (script: string) => [...script.matchAll(/^export ([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
const exportedByStartScript = exportedBy(START_SCRIPT);

/**
 * The config the standby's tasks start with: the image's pharos.yaml (not aws.yaml: its bucket and topic live in the
 * primary region, the one that failed) without `bus:`, as STANDBY_START_SCRIPT's first line writes it, run by `sh`.
 */
function standbyConfigText(): string {
  const [copyLine] = STANDBY_START_SCRIPT.split('\n');
  assert.match(copyLine!, /\/etc\/pharos\/pharos\.yaml > \/tmp\/pharos\.yaml$/);
  const command = copyLine!.replace(/ > \/tmp\/pharos\.yaml$/, '').replace('/etc/pharos/pharos.yaml', '"$1"');
  return execFileSync('/bin/sh', ['-c', command, 'sh', join(REPO, 'deploy/docker/pharos.yaml')], { encoding: 'utf8' });
}

for (const snsChannel of [true, false]) {
  describe(`the staging task definitions (pharosSnsChannel=${snsChannel})`, () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pharos-cdk-config-'));
    after(() => rmSync(outdir, { recursive: true, force: true }));
    const { stacks } = buildApp({ outdir, nag: false, context: { pharosSnsChannel: String(snsChannel) } });
    const template = Template.fromStack(stacks.staging.main);
    const tasks = resourcesOf(template, 'AWS::ECS::TaskDefinition').filter(([id]) =>
      /^Compute(web|worker)Task/.test(id),
    );

    test('web and worker start with the config file, and are given every variable it requires', () => {
      assert.equal(tasks.length, 2);
      for (const [id, task] of tasks) {
        const containers = task.Properties!.ContainerDefinitions as ContainerDefinition[];
        const pharos = containers.find((c) => c.Name === 'pharos')!;
        const configFile = pharos.Environment?.find((e) => e.Name === 'PHAROS_CONFIG')?.Value;
        assert.equal(configFile, awsConfigFile(snsChannel), id);
        const required = requiredVariables(read(`deploy/docker/${posix.basename(String(configFile))}`));
        const given = new Set([
          ...(pharos.Environment ?? []).map((e) => e.Name),
          ...(pharos.Secrets ?? []).map((s) => s.Name),
          ...exportedByStartScript,
        ]);
        assert.deepEqual(
          required.filter((name) => !given.has(name)),
          [],
          `${id}: every required variable is set`,
        );
        assert.ok(!(pharos.Environment ?? []).some((e) => e.Name === 'PHAROS_SECRET'), 'never a plain variable');
        const secret = pharos.Secrets?.find((s) => s.Name === 'PHAROS_SECRET');
        assert.match(JSON.stringify(secret?.ValueFrom), /DataServerSecret[0-9A-F]{8}.*:serverSecret::/, id);
        const sidecar = containers.find((c) => c.Name === 'metrics')!;
        assert.ok(!sidecar.Secrets?.some((s) => s.Name === 'PHAROS_SECRET'), 'the sidecar does not get it');
      }
    });

    test('the standby web and worker are given every variable their pharos.yaml copy requires, the server secret from this region’s copy', () => {
      const standby = Template.fromStack(stacks.staging.standby);
      const standbyTasks = resourcesOf(standby, 'AWS::ECS::TaskDefinition');
      assert.equal(standbyTasks.length, 2);
      const required = requiredVariables(standbyConfigText());
      assert.ok(required.includes('PHAROS_SECRET') && !required.includes('PHAROS_REDIS_URL'), required.join());
      for (const [id, task] of standbyTasks) {
        const [pharos, ...others] = task.Properties!.ContainerDefinitions as ContainerDefinition[];
        assert.equal(others.length, 0, `${id}: no sidecar`);
        assert.equal(
          pharos!.Environment?.find((e) => e.Name === 'PHAROS_CONFIG'),
          undefined,
          `${id}: pharos.yaml`,
        );
        const given = new Set([
          ...(pharos!.Environment ?? []).map((e) => e.Name),
          ...(pharos!.Secrets ?? []).map((s) => s.Name),
          ...exportedBy(STANDBY_START_SCRIPT),
        ]);
        assert.deepEqual(
          required.filter((name) => !given.has(name)),
          [],
          `${id}: every required variable is set`,
        );
        const secret = pharos!.Secrets?.find((s) => s.Name === 'PHAROS_SECRET');
        assert.match(JSON.stringify(secret?.ValueFrom), /"eu-central-1".*:serverSecret::/, id);
      }
    });

    test('the server secret is generated (64 characters, no punctuation), encrypted with the data key, not rotated', () => {
      const [[logicalId, secret]] = resourcesOf(template, 'AWS::SecretsManager::Secret').filter(
        ([, s]) => s.Properties?.Name === 'pharos/staging/server',
      ) as [[string, { Properties?: Record<string, unknown> }]];
      const generate = secret.Properties!.GenerateSecretString as Record<string, unknown>;
      assert.equal(generate.GenerateStringKey, 'serverSecret');
      assert.equal(generate.PasswordLength, 64);
      assert.ok(secret.Properties!.KmsKeyId, 'encrypted with the data key');
      assert.match(JSON.stringify(secret.Properties!.ReplicaRegions), /"eu-central-1"/, 'copied for the DR standby');
      const rotations = resourcesOf(template, 'AWS::SecretsManager::RotationSchedule');
      assert.ok(
        !rotations.some(([, r]) => JSON.stringify(r.Properties?.SecretId).includes(logicalId)),
        'no rotation schedule (it would sign out private pages and cut SSO sign-ins)',
      );
    });
  });
}
