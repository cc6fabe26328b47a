// The pharos.yaml that the overlays put in ConfigMap pharos-config: taken from the render, it must pass
// `pharos check-config` with the environment the pods get, and every variable it needs must reach every pod.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { IConfigMap } from 'kubernetes-models/v1';
import { substituteEnv } from '../../src/config/env-substitution.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { serverSecretMissing } from '../../src/config/server-secret-rule.ts';
import { kubectlSkipReason, OVERLAYS, renderKustomization } from './support/k8s-render.ts';
import { objectsOfKind, podTemplatesOf } from './support/k8s-workloads.ts';

const CLI = new URL('../../bin/pharos.js', import.meta.url).pathname;
const DOCKER_CONFIG = new URL('../../deploy/docker/pharos.yaml', import.meta.url).pathname;
const skip = kubectlSkipReason();

/** What the Secrets hold in a real cluster, shaped as the README asks. */
const SECRET_VALUES: Record<string, string> = {
  PHAROS_DATABASE_URL: 'postgres://pharos:secret@db.internal:5432/pharos',
  PHAROS_REDIS_URL: 'rediss://:secret@redis.internal:6379',
  PHAROS_METRICS_TOKEN: 'a-metrics-token-of-32-characters',
  PHAROS_SECRET: 'a-server-secret-shared-by-every-pod',
};

function checkConfig(file: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'check-config', file], {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 60_000,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Variables the config reads without a default: Pharos refuses to start when one is unset. */
function requiredVariables(configText: string): string[] {
  return [...new Set(substituteEnv(configText, {}).missing)].sort();
}

for (const overlay of OVERLAYS) {
  describe(`pharos.yaml in overlay ${overlay}`, { skip }, () => {
    let dir: string;
    let file: string;
    let configText: string;
    let configMapEnv: Record<string, string>;
    before(async () => {
      const configMaps = objectsOfKind<IConfigMap>(await renderKustomization(`overlays/${overlay}`), 'ConfigMap');
      const config = configMaps.filter((c) => c.metadata.name.startsWith('pharos-config-'));
      const env = configMaps.filter((c) => c.metadata.name.startsWith('pharos-env-'));
      assert.equal(config.length, 1, 'one pharos-config ConfigMap (with its content hash)');
      assert.equal(env.length, 1, 'one pharos-env ConfigMap');
      assert.deepEqual(Object.keys(config[0]?.data ?? {}), ['pharos.yaml']);
      configText = config[0]?.data?.['pharos.yaml'] ?? '';
      configMapEnv = env[0]?.data ?? {};
      dir = await mkdtemp(join(tmpdir(), `pharos-k8s-config-${overlay}-`));
      file = join(dir, 'pharos.yaml');
      await writeFile(file, configText);
    });
    after(() => rm(dir, { recursive: true, force: true }));

    test('passes `pharos check-config` with the Secrets and pharos-env set', async () => {
      const result = await checkConfig(file, { ...configMapEnv, ...SECRET_VALUES });
      assert.equal(result.code, 0, result.output);
      assert.match(result.output, /OK/);
    });

    test('holds the server.secret that `pharos start --role web|worker` requires', () => {
      const config = parseConfigText(configText, 'pharos.yaml', { ...configMapEnv, ...SECRET_VALUES });
      assert.equal(config.server.secret, SECRET_VALUES.PHAROS_SECRET);
      for (const role of ['web', 'worker']) assert.equal(serverSecretMissing(config, role), null, role);
      const { PHAROS_SECRET: _omitted, ...rest } = SECRET_VALUES;
      assert.throws(() => parseConfigText(configText, 'pharos.yaml', { ...configMapEnv, ...rest }), /PHAROS_SECRET/);
    });

    test('fails naming the variable when a Secret is missing (nothing falls back to SQLite)', async () => {
      const { PHAROS_DATABASE_URL: _omitted, ...rest } = SECRET_VALUES;
      const result = await checkConfig(file, { ...configMapEnv, ...rest });
      assert.equal(result.code, 1);
      assert.match(result.output, /PHAROS_DATABASE_URL/);
    });

    test('every variable the config needs is set in every Pharos container', async () => {
      const required = requiredVariables(configText);
      assert.deepEqual(required, [
        'PHAROS_BASE_URL',
        'PHAROS_DATABASE_URL',
        'PHAROS_METRICS_TOKEN',
        'PHAROS_REDIS_URL',
        'PHAROS_SECRET',
      ]);
      const objects = await renderKustomization(`overlays/${overlay}`);
      const configMaps = objectsOfKind<IConfigMap>(objects, 'ConfigMap');
      for (const { owner, template } of podTemplatesOf(objects)) {
        for (const container of template.spec?.containers ?? []) {
          const names = new Set((container.env ?? []).map((e) => e.name));
          for (const from of container.envFrom ?? []) {
            const data = configMaps.find((c) => c.metadata.name === from.configMapRef?.name)?.data ?? {};
            for (const key of Object.keys(data)) names.add(key);
          }
          const missing = required.filter((name) => !names.has(name));
          assert.deepEqual(missing, [], `${owner} container ${container.name}`);
          const mount = container.volumeMounts?.find((m) => m.mountPath === '/etc/pharos');
          assert.equal(
            template.spec?.volumes?.find((v) => v.name === mount?.name)?.configMap?.name?.startsWith('pharos-config-'),
            true,
            `${owner}: pharos-config on /etc/pharos`,
          );
        }
      }
    });

    test(
      'uses the variable names of the container image config (deploy/docker/pharos.yaml)',
      { skip: !existsSync(DOCKER_CONFIG) && 'deploy/docker/pharos.yaml not written yet' },
      () => {
        const dockerVariables = new Set(
          [...readFileSync(DOCKER_CONFIG, 'utf8').matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]),
        );
        const ours = [...configText.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]);
        assert.deepEqual(
          ours.filter((name) => !dockerVariables.has(name)),
          [],
        );
      },
    );
  });
}
