import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('../../deploy/aws/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'pharos-cdk-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a machine that has never seen AWS: no keys, no profile, no metadata service. */
function credentialFreeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('CDK_')) env[key] = value;
  }
  return {
    ...env,
    HOME: join(work, 'home'), // no ~/.aws/credentials or config
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'none', 'credentials'),
    AWS_CONFIG_FILE: join(work, 'none', 'config'),
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true', // no network calls from the CLI itself
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
  };
}

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { cwd: appDir, env: credentialFreeEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test(
  '`npx cdk synth --quiet` works offline without AWS credentials and writes every stack',
  { timeout: 180_000 },
  async () => {
    const out = join(work, 'cdk.out');
    // as the deploy workflow calls it: the image tag is the commit SHA
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const { code, output } = await run(['cdk', 'synth', '--quiet', '--no-notices', '-c', `imageTag=${sha}`, '-o', out]);
    assert.equal(code, 0, output);

    const stacks = ['PharosStaging', 'PharosProduction'].flatMap((s) => [s, `${s}Edge`, `${s}Dr`, `${s}Standby`]);
    for (const stack of stacks) {
      const template = JSON.parse(readFileSync(join(out, `${stack}.template.json`), 'utf8')) as { Resources: object };
      assert.ok(Object.keys(template.Resources).length > 0, `${stack} has resources`);
    }
    assert.deepEqual(
      readdirSync(out)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
      stacks.map((s) => `${s}.template.json`).sort(),
    );

    for (const env of ['Staging', 'Production']) {
      const template = readFileSync(join(out, `Pharos${env}.template.json`), 'utf8');
      assert.equal(
        template.split(`/pharos:${sha}`).length - 1,
        2,
        `Pharos${env}: web and worker run the given image tag`,
      );
      assert.doesNotMatch(template, /pharos:latest/);
    }

    // Nothing was looked up: no missing context in the manifest, no cdk.context.json written.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { missing?: unknown[] };
    assert.equal(manifest.missing, undefined, 'the app asked for context lookups');
    assert.equal(existsSync(join(appDir, 'cdk.context.json')), false);

    // cdk-nag (registered by bin/pharos.ts) and CDK's template validation reported no violation.
    const report = JSON.parse(readFileSync(join(out, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[] }>;
    };
    for (const plugin of report.pluginReports)
      assert.equal(plugin.conclusion, 'success', `${plugin.pluginName}: ${JSON.stringify(plugin.violations)}`);
    assert.doesNotMatch(output, /AwsSolutions-/);
  },
);
