import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';

/**
 * The deploy workflow's scripts (.github/scripts), run for real: the smoke and load tests against a Pharos on
 * 127.0.0.1 and against servers that answer wrongly; the alarm watch and the rollback-target lookup against a fake
 * `aws` command that answers what the AWS CLI would.
 */

const REPO = new URL('../..', import.meta.url).pathname;
const SCRIPTS = join(REPO, '.github/scripts');
const onPath = (command: string) =>
  (process.env['PATH'] ?? '').split(delimiter).some((dir) => existsSync(join(dir, command)));
const missingTools = ['jq', 'curl'].filter((tool) => !onPath(tool));
if (missingTools.length > 0 && process.env['CI'] === 'true')
  throw new Error(`.ci/run should install ${missingTools.join(' and ')}`);
const skip = missingTools.length > 0 ? `needs ${missingTools.join(', ')}` : false;

interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 90_000,
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [join(SCRIPTS, script), ...args],
      { cwd: REPO, env: { ...process.env, ...env }, timeout: timeoutMs },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A server on 127.0.0.1 answering each path with a fixed status, type and body. */
async function fixedServer(
  routes: Record<string, { status: number; type?: string; body: string }>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const route = routes[req.url ?? ''] ?? { status: 404, body: 'not found' };
    res.writeHead(route.status, { 'content-type': route.type ?? 'application/json' });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('smoke-test.sh and load-test.sh against a running Pharos', { skip }, () => {
  let dir: string;
  let pharos: RunningPharos;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-smoke-'));
    const config = parseConfigText(
      `
title: Acme Status
storage: { url: "sqlite:${join(dir, 'p.db')}" }
components:
  - { id: api, name: Public API, monitors: [api-check] }
monitors:
  - { id: api-check, type: tcp, host: 127.0.0.1, port: 1, interval: 1h, timeout: 200ms }
`,
      'smoke.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  });
  after(async () => {
    await pharos?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the smoke test passes: ready, the Statuspage summary shape, the status page with its name', async () => {
    const run = await runScript('smoke-test.sh', [`${pharos.url}/`]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /ok\s+\/readyz 200/);
    assert.match(run.stdout, /ok\s+\/api\/v2\/summary\.json has the Statuspage shape \(page "Acme Status"/);
    assert.match(run.stdout, /ok\s+\/ renders the status page/);
  });

  test('a short load test passes its thresholds', async () => {
    const run = await runScript('load-test.sh', [pharos.url], {
      LOAD_DURATION: '2',
      LOAD_CONNECTIONS: '4',
      LOAD_MAX_P99_MS: '2000',
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ok\s+\/: \d+ requests/m);
    assert.match(run.stdout, /^ok\s+\/api\/v2\/summary\.json: \d+ requests/m);
  });

  test('the load test fails when the answers are errors or too slow', async () => {
    const errors = await runScript('load-test.sh', [pharos.url], {
      LOAD_DURATION: '1',
      LOAD_CONNECTIONS: '2',
      LOAD_PATHS: '/no-such-page',
    });
    assert.equal(errors.code, 1);
    assert.match(errors.stderr, /FAIL \/no-such-page: error ratio 1 > 0\.005/);
    const slow = await runScript('load-test.sh', [pharos.url], {
      LOAD_DURATION: '1',
      LOAD_CONNECTIONS: '2',
      LOAD_PATHS: '/',
      LOAD_MAX_P99_MS: '-1',
    });
    assert.equal(slow.code, 1);
    assert.match(slow.stderr, /FAIL \/: p99 \d+ ms > -1 ms/);
  });
});

describe('smoke-test.sh against a wrong answer', { skip }, () => {
  const summary = {
    page: { id: 'p', name: 'Acme', url: 'http://x', updated_at: '2026-01-01T00:00:00Z' },
    components: [],
    incidents: [],
    scheduled_maintenances: [],
  };

  test('fails when the summary lacks its status', async () => {
    const server = await fixedServer({
      '/readyz': { status: 200, body: '{}' },
      '/healthz': { status: 200, body: '{}' },
      '/api/v2/summary.json': { status: 200, body: JSON.stringify(summary) },
    });
    try {
      const run = await runScript('smoke-test.sh', [server.url]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /summary\.json lacks the Statuspage summary shape/);
    } finally {
      await server.close();
    }
  });

  test('fails when the status page does not show the page name', async () => {
    const full = { ...summary, status: { indicator: 'none', description: 'All Systems Operational' } };
    const server = await fixedServer({
      '/readyz': { status: 200, body: '{}' },
      '/healthz': { status: 200, body: '{}' },
      '/api/v2/summary.json': { status: 200, body: JSON.stringify(full) },
      '/': { status: 200, type: 'text/html; charset=utf-8', body: '<html><title>Someone else</title></html>' },
    });
    try {
      const run = await runScript('smoke-test.sh', [server.url]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /does not show the page name "Acme"/);
    } finally {
      await server.close();
    }
  });

  test('gives up when /readyz stays 503', async () => {
    const server = await fixedServer({ '/readyz': { status: 503, body: '{"status":"draining"}' } });
    try {
      const run = await runScript('smoke-test.sh', [server.url], { SMOKE_READY_TIMEOUT: '0' });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /\/readyz did not answer 200 within 0s \(last body: \{"status":"draining"\}\)/);
    } finally {
      await server.close();
    }
  });
});

/**
 * A fake `aws` first on PATH: it logs each call and answers the Nth call of a subcommand with `<service>-<op>.<N>.json`
 * (or `<service>-<op>.json`), failing like the CLI for anything it was not told about.
 */
async function fakeAws(
  responses: Record<string, unknown>,
): Promise<{ env: Record<string, string>; calls(): Promise<string[]>; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pharos-fake-aws-'));
  for (const [name, body] of Object.entries(responses))
    await writeFile(join(dir, `${name}.json`), JSON.stringify(body));
  const script = `#!/usr/bin/env bash
echo "$*" >>"${dir}/calls"
n=$(grep -c "^$1 $2 " "${dir}/calls")
for f in "${dir}/$1-$2.$n.json" "${dir}/$1-$2.json"; do
  if [ -f "$f" ]; then cat "$f"; exit 0; fi
done
echo "An error occurred (ResourceNotFound): no fake answer for $*" >&2
exit 254
`;
  await writeFile(join(dir, 'aws'), script);
  await chmod(join(dir, 'aws'), 0o755);
  return {
    env: { PATH: `${dir}:${process.env['PATH']}` },
    calls: async () => (await readFile(join(dir, 'calls'), 'utf8').catch(() => '')).split('\n').filter(Boolean),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

const alarm = (name: string) => ({
  AlarmName: name,
  StateValue: 'ALARM',
  StateReason: 'Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (20.0)',
});

describe('watch-alarms.sh', { skip }, () => {
  test('passes after the window when no alarm fires, asking for the prefix in ALARM state', async () => {
    const aws = await fakeAws({ 'cloudwatch-describe-alarms': { MetricAlarms: [], CompositeAlarms: [] } });
    try {
      const run = await runScript('watch-alarms.sh', ['pharos-production-', '2'], {
        ...aws.env,
        WATCH_POLL_SECONDS: '1',
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /no pharos-production-\* alarm fired during 2s/);
      const calls = await aws.calls();
      assert.ok(calls.length >= 2, `polled ${calls.length} times`);
      for (const call of calls)
        assert.equal(
          call,
          'cloudwatch describe-alarms --alarm-name-prefix pharos-production- --state-value ALARM --output json',
        );
    } finally {
      await aws.remove();
    }
  });

  test('fails as soon as an alarm fires, naming it and why', async () => {
    const aws = await fakeAws({
      'cloudwatch-describe-alarms.1': { MetricAlarms: [] },
      'cloudwatch-describe-alarms.2': { MetricAlarms: [alarm('pharos-production-alb-5xx')], CompositeAlarms: [] },
    });
    try {
      const started = Date.now();
      const run = await runScript('watch-alarms.sh', ['pharos-production-', '600'], {
        ...aws.env,
        WATCH_POLL_SECONDS: '1',
      });
      assert.equal(run.code, 1);
      assert.ok(Date.now() - started < 30_000, 'did not wait out the window');
      assert.match(run.stderr, /pharos-production-alb-5xx: Threshold Crossed/);
    } finally {
      await aws.remove();
    }
  });

  test('with 0 seconds checks once (before a deploy)', async () => {
    const aws = await fakeAws({
      'cloudwatch-describe-alarms': { CompositeAlarms: [alarm('pharos-production-overall')] },
    });
    try {
      const run = await runScript('watch-alarms.sh', ['pharos-production-', '0'], aws.env);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /pharos-production-overall/);
      assert.equal((await aws.calls()).length, 1);
    } finally {
      await aws.remove();
    }
  });

  test('fails when the AWS CLI fails (no silent pass without credentials)', async () => {
    const aws = await fakeAws({});
    try {
      const run = await runScript('watch-alarms.sh', ['pharos-production-', '0'], aws.env);
      assert.notEqual(run.code, 0);
    } finally {
      await aws.remove();
    }
  });
});

describe('current-image-tag.sh', { skip }, () => {
  const taskDefinitionArn = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/pharos-production-web:41';
  const services = {
    services: [{ serviceName: 'pharos-production-web', status: 'ACTIVE', taskDefinition: taskDefinitionArn }],
    failures: [],
  };
  const taskDefinition = (image: string) => ({
    taskDefinition: {
      containerDefinitions: [
        { name: 'metrics', image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3' },
        { name: 'pharos', image },
      ],
    },
  });

  test('prints the tag of the pharos image the service runs', async () => {
    const sha = '9d095b56ddabd2750c3d4ba96ad8750519f260b6';
    const aws = await fakeAws({
      'ecs-describe-services': services,
      'ecs-describe-task-definition': taskDefinition(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/pharos:${sha}`),
    });
    try {
      const run = await runScript('current-image-tag.sh', ['pharos-production', 'pharos-production-web'], aws.env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, `tag=${sha}\n`);
      assert.deepEqual(await aws.calls(), [
        'ecs describe-services --cluster pharos-production --services pharos-production-web --output json',
        `ecs describe-task-definition --task-definition ${taskDefinitionArn} --output json`,
      ]);
    } finally {
      await aws.remove();
    }
  });

  test('prints nothing when the service does not exist yet (first deploy)', async () => {
    const aws = await fakeAws({ 'ecs-describe-services': { services: [], failures: [{ reason: 'MISSING' }] } });
    try {
      const run = await runScript('current-image-tag.sh', ['pharos-production', 'pharos-production-web'], aws.env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '');
    } finally {
      await aws.remove();
    }
  });

  test('fails when the running image is no tagged pharos image', async () => {
    const aws = await fakeAws({
      'ecs-describe-services': services,
      'ecs-describe-task-definition': taskDefinition('nginx:1.27'),
    });
    try {
      const run = await runScript('current-image-tag.sh', ['pharos-production', 'pharos-production-web'], aws.env);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /no pharos image with a tag/);
    } finally {
      await aws.remove();
    }
  });
});

describe('invalidate-cloudfront.sh', { skip }, () => {
  const resources = {
    StackResources: [
      { ResourceType: 'AWS::S3::Bucket', PhysicalResourceId: 'pharos-production-static' },
      { ResourceType: 'AWS::CloudFront::Distribution', PhysicalResourceId: 'E2EXAMPLE123' },
    ],
  };

  test('finds the stack’s distribution, invalidates /* and waits for that invalidation', async () => {
    const aws = await fakeAws({
      'cloudformation-describe-stack-resources': resources,
      'cloudfront-create-invalidation': { Invalidation: { Id: 'I3INVALIDATION', Status: 'InProgress' } },
      'cloudfront-wait': {},
    });
    try {
      const run = await runScript('invalidate-cloudfront.sh', ['PharosProduction'], aws.env);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(await aws.calls(), [
        'cloudformation describe-stack-resources --stack-name PharosProduction --output json',
        'cloudfront create-invalidation --distribution-id E2EXAMPLE123 --paths /* --output json',
        'cloudfront wait invalidation-completed --distribution-id E2EXAMPLE123 --id I3INVALIDATION',
      ]);
      assert.match(run.stdout, /invalidation I3INVALIDATION of E2EXAMPLE123 completed/);
    } finally {
      await aws.remove();
    }
  });

  test('fails naming the stack when it has no distribution, and when the AWS CLI fails', async () => {
    const empty = await fakeAws({ 'cloudformation-describe-stack-resources': { StackResources: [] } });
    try {
      const run = await runScript('invalidate-cloudfront.sh', ['PharosProduction'], empty.env);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /no CloudFront distribution in stack PharosProduction/);
    } finally {
      await empty.remove();
    }
    const failing = await fakeAws({ 'cloudformation-describe-stack-resources': resources });
    try {
      const run = await runScript('invalidate-cloudfront.sh', ['PharosProduction'], failing.env);
      assert.notEqual(run.code, 0, 'create-invalidation failed: the step fails');
      assert.doesNotMatch(run.stdout, /completed/);
    } finally {
      await failing.remove();
    }
  });
});
