import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { instructionsOf, parseDockerfile } from './support/dockerfile-model.ts';

// deploy/docker/compose.yaml, read as Docker Compose reads it (YAML merge keys on), without a Docker engine.
// docker-start.test.ts runs its migrate command against PostgreSQL.

const REPO = new URL('../..', import.meta.url).pathname;
const COMPOSE_TEXT = readFileSync(join(REPO, 'deploy/docker/compose.yaml'), 'utf8');
const DOCKERFILE = parseDockerfile(readFileSync(join(REPO, 'deploy/docker/Dockerfile'), 'utf8'));

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  user?: string;
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  cap_add?: string[];
  privileged?: boolean;
  security_opt?: string[];
  stop_grace_period?: string;
  restart?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  network_mode?: string;
  pid?: string;
  volumes?: string[];
}

const compose = parseYaml(COMPOSE_TEXT, { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const pharosServices = services.filter(([, s]) => s.build?.dockerfile === 'deploy/docker/Dockerfile');
const ONE_SHOT = 'migrate';

describe('compose.yaml', () => {
  test('has PostgreSQL, Redis, a migration and web and worker replicas of the image built from this repository', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['migrate', 'postgres', 'redis', 'web', 'worker']);
    assert.deepEqual(pharosServices.map(([name]) => name).sort(), ['migrate', 'web', 'worker']);
    for (const [name, service] of pharosServices)
      assert.equal(service.build?.context, '../..', `${name} builds from the repository root`);
    assert.equal(compose.services.web!.environment?.PHAROS_ROLE, 'web');
    assert.equal(compose.services.worker!.environment?.PHAROS_ROLE, 'worker');
    assert.deepEqual(compose.services.migrate!.command?.slice(2), ['migrate', '--config', '/etc/pharos/pharos.yaml']);
  });

  test('every image is pinned to a version, never latest', () => {
    for (const [name, service] of services) {
      const image = service.image ?? '';
      if (service.build) assert.match(image, /^pharos:/, `${name}: the image it builds`);
      else
        assert.match(
          image,
          /^[a-z0-9./-]+:\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?(@sha256:[0-9a-f]{64})?$/,
          `${name}: ${image} pinned`,
        );
      assert.doesNotMatch(image, /:latest\b/);
    }
    assert.match(compose.services.postgres!.image!, /^postgres:15\./);
    assert.match(compose.services.redis!.image!, /^redis:7\./);
  });

  test("every long-running service has a health check; the Pharos one is the image's own", () => {
    const imageCheck = instructionsOf(DOCKERFILE.stages.at(-1)!, 'HEALTHCHECK').at(-1)!.args;
    for (const [name, service] of services.filter(([n]) => n !== ONE_SHOT)) {
      assert.ok(service.healthcheck?.test && !service.healthcheck.disable, `${name} has a health check`);
      assert.notEqual(service.restart, 'no', `${name} is restarted`);
    }
    for (const name of ['web', 'worker'])
      assert.deepEqual(compose.services[name]!.healthcheck!.test, ['CMD', ...imageCheck]);
    assert.equal(compose.services.migrate!.restart, 'no');
  });

  test('replicas start after the database and Redis are healthy and the migration has completed', () => {
    assert.deepEqual(compose.services.migrate!.depends_on, { postgres: { condition: 'service_healthy' } });
    for (const name of ['web', 'worker']) {
      assert.deepEqual(compose.services[name]!.depends_on, {
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
  });

  test('Pharos runs hardened: image user, read-only root with a /tmp tmpfs, no capabilities, no new privileges, 30 s to stop', () => {
    for (const [name, service] of pharosServices) {
      assert.equal(service.user, '10001:10001', name);
      assert.equal(service.read_only, true, name);
      assert.ok(
        service.tmpfs?.some((t) => t.split(':')[0] === '/tmp'),
        `${name}: /tmp tmpfs`,
      );
      assert.deepEqual(service.cap_drop, ['ALL'], name);
      assert.equal(service.cap_add, undefined, name);
      assert.ok(service.security_opt?.includes('no-new-privileges:true'), name);
      assert.equal(service.stop_grace_period, '30s', name);
    }
    for (const [name, service] of services) {
      assert.notEqual(service.privileged, true, `${name} is not privileged`);
      assert.notEqual(service.network_mode, 'host', name);
      assert.notEqual(service.pid, 'host', name);
      assert.ok(!service.volumes?.some((v) => v.includes('docker.sock')), `${name}: no Docker socket`);
    }
  });

  test("Pharos gets the conventions' variables; secrets come from .env, documented in .env.example", () => {
    for (const [name, service] of pharosServices) {
      for (const key of [
        'PHAROS_DATABASE_URL',
        'PHAROS_REDIS_URL',
        'PHAROS_BASE_URL',
        'PHAROS_METRICS_TOKEN',
        'PHAROS_SECRET',
      ])
        assert.ok(service.environment?.[key], `${name}: ${key}`);
    }
    // `${VAR}`, `${VAR:-default}`, `${VAR:?error}`; `$$` is a literal dollar for the container's shell
    const used = new Set([...COMPOSE_TEXT.matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!));
    const documented = new Set(
      [...readFileSync(join(REPO, 'deploy/docker/.env.example'), 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map(
        (m) => m[1]!,
      ),
    );
    assert.deepEqual(
      [...used].filter((key) => !documented.has(key)),
      [],
      'every variable compose.yaml reads is in .env.example',
    );
    for (const secret of ['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'PHAROS_METRICS_TOKEN', 'PHAROS_SECRET']) {
      assert.match(COMPOSE_TEXT, new RegExp(`\\$\\{${secret}:\\?`), `${secret} is required, with no default`);
    }
    assert.doesNotMatch(COMPOSE_TEXT, /(PASSWORD|TOKEN|SECRET):\s+(?!\$\{)\S/, 'no literal secret in compose.yaml');
  });
});
