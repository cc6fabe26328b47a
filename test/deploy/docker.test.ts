import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, test } from 'node:test';
import { validate } from 'dockerfile-utils';
import { parseConfigText } from '../../src/config/load-config.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import { serverSecretMissing } from '../../src/config/server-secret-rule.ts';
import { contextFiles } from './support/docker-image-root.ts';
import { instructionsOf, keyValues, parseDockerfile, type Stage } from './support/dockerfile-model.ts';
import { parseDockerIgnore } from './support/dockerignore.ts';

// The image's recipe, checked without a Docker engine: lint, structure, build context, config files.
// docker-start.test.ts runs what the image runs; docker-compose.test.ts checks the Compose stack.

const REPO = new URL('../..', import.meta.url).pathname;
const DOCKERFILE_PATH = join(REPO, 'deploy/docker/Dockerfile');
const DOCKERFILE = readFileSync(DOCKERFILE_PATH, 'utf8');
const model = parseDockerfile(DOCKERFILE);
const final = model.stages.at(-1)!;
const ignore = parseDockerIgnore(readFileSync(join(REPO, '.dockerignore'), 'utf8'));
const CONVENTION_ENV = {
  PHAROS_DATABASE_URL: 'postgres://pharos:secret@db.internal:5432/pharos',
  PHAROS_REDIS_URL: 'redis://:secret@redis.internal:6379',
  PHAROS_BASE_URL: 'https://status.example.com',
  PHAROS_METRICS_TOKEN: 'a-metrics-token-of-32-characters',
  PHAROS_SECRET: 'a-server-secret-shared-by-every-replica',
};

/** the config file the CMD starts with: the image path COPYed from deploy/docker/pharos.yaml */
function copiedTo(stage: Stage, source: string): string | undefined {
  const copy = instructionsOf(stage, 'COPY').find(
    (c) => c.flags.from === undefined && c.args.slice(0, -1).includes(source),
  );
  return copy?.args.at(-1);
}

describe('Dockerfile', () => {
  test('dockerfile-utils finds no problem (and does flag a broken file)', () => {
    assert.deepEqual(
      validate(DOCKERFILE).map((d) => `${d.range.start.line + 1}: ${d.message}`),
      [],
    );
    assert.ok(
      validate('FROM node:20 AS 1bad\nEXPOSE port\nHEALTHCHECK --interval=5 CMD true\n').length >= 2,
      'the linter reports problems',
    );
  });

  test('builds in one stage and runs from another, both on a pinned Node 24 slim base', () => {
    assert.ok(model.stages.length >= 2, 'a build stage and a runtime stage');
    for (const stage of model.stages) {
      assert.match(
        stage.image,
        /^node:24\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/,
        `${stage.image}: an exact Node 24 tag`,
      );
      assert.doesNotMatch(stage.image, /:latest\b/);
    }
    assert.ok(
      instructionsOf(model.stages[0]!, 'RUN').some(
        (r) => /npm ci\b/.test(r.raw) && /--ignore-scripts/.test(r.raw) && /npm rebuild better-sqlite3/.test(r.raw),
      ),
      'npm ci without the prepare script, then the native build',
    );
    assert.ok(
      !instructionsOf(final, 'RUN').some((r) => /\b(g\+\+|make|python3)\b/.test(r.raw)),
      'no compiler in the runtime stage',
    );
    assert.ok(
      instructionsOf(final, 'COPY').some((c) => c.flags.from !== undefined && /node_modules/.test(c.args[0]!)),
      'node_modules from the build stage',
    );
    assert.ok(
      instructionsOf(model.stages[0]!, 'RUN').some((r) => /npm prune --omit=dev/.test(r.raw)),
      'only production dependencies reach the runtime stage',
    );
  });

  test('runs as a non-root user with tini, a health check on /healthz and SIGTERM', () => {
    const user = instructionsOf(final, 'USER').at(-1)?.args[0] ?? 'root';
    assert.match(user, /^(10001(:10001)?|pharos)$/, `USER ${user}`);
    const entrypoint = instructionsOf(final, 'ENTRYPOINT').at(-1);
    assert.ok(entrypoint?.execForm, 'ENTRYPOINT in exec form');
    assert.match(entrypoint.args[0]!, /\/tini$/);
    assert.ok(
      instructionsOf(final, 'RUN').some((r) => /apt-get install[^&]*\btini\b/.test(r.raw)),
      'tini is installed',
    );
    const healthcheck = instructionsOf(final, 'HEALTHCHECK').at(-1);
    assert.ok(healthcheck?.execForm && healthcheck.args.join(' ').includes('/healthz'), 'HEALTHCHECK asks /healthz');
    assert.equal(instructionsOf(final, 'STOPSIGNAL').at(-1)?.args[0], 'SIGTERM');
    assert.deepEqual(
      instructionsOf(final, 'EXPOSE').flatMap((e) => e.args),
      ['3000'],
    );
    assert.deepEqual(
      instructionsOf(final, 'VOLUME').flatMap((v) => v.args),
      ['/var/lib/pharos'],
    );
    assert.ok(
      !model.instructions.some((i) => i.keyword === 'ADD'),
      'COPY only: no ADD (no remote URLs, no implicit unpacking)',
    );
  });

  test("the command is the conventions' start command with the role from PHAROS_ROLE", () => {
    const cmd = instructionsOf(final, 'CMD').at(-1);
    assert.ok(cmd?.execForm);
    const line = cmd.args.join(' ');
    assert.match(
      line,
      /\bexec node bin\/pharos\.js start --config "\$\{PHAROS_CONFIG:-\/etc\/pharos\/pharos\.yaml\}" --role "\$\{PHAROS_ROLE:-all\}"/,
    );
    assert.equal(copiedTo(final, 'deploy/docker/pharos.yaml'), '/etc/pharos/pharos.yaml');
    const env = Object.assign({}, ...instructionsOf(final, 'ENV').map(keyValues)) as Record<string, string>;
    assert.equal(env.NODE_ENV, 'production');
    assert.equal(env.PHAROS_ROLE, 'all');
    assert.equal(env.PHAROS_CONFIG, '/etc/pharos/pharos.yaml');
  });

  test('OCI labels name the image, its source, licence, version and revision (from build args)', () => {
    const labels = Object.assign({}, ...instructionsOf(final, 'LABEL').map(keyValues)) as Record<string, string>;
    for (const key of ['title', 'description', 'source', 'licenses', 'version', 'revision']) {
      assert.ok(labels[`org.opencontainers.image.${key}`], `label org.opencontainers.image.${key}`);
    }
    assert.equal(
      labels['org.opencontainers.image.licenses'],
      JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).license,
    );
    assert.equal(labels['org.opencontainers.image.version'], '${VERSION}');
    const versionArg = instructionsOf(final, 'ARG')
      .map(keyValues)
      .find((a) => 'VERSION' in a);
    assert.equal(
      versionArg?.VERSION,
      JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version,
      "ARG VERSION defaults to package.json's version",
    );
    assert.equal(labels['org.opencontainers.image.revision'], '${REVISION}');
  });

  test('no secret is baked into ENV, ARG or LABEL', () => {
    for (const instruction of model.instructions.filter((i) => ['ENV', 'ARG', 'LABEL'].includes(i.keyword))) {
      for (const [key, value] of Object.entries(keyValues(instruction))) {
        assert.doesNotMatch(
          key,
          /SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|PRIVATE|CREDENTIAL/i,
          `line ${instruction.line}: ${key}`,
        );
        assert.doesNotMatch(value, /:\/\/[^/\s:]+:[^@\s]+@/, `line ${instruction.line}: a URL with a password`);
      }
    }
  });
});

describe('.dockerignore and the build context', () => {
  test('every file the Dockerfile COPYs from the context is there and let in', () => {
    for (const stage of model.stages) {
      for (const copy of instructionsOf(stage, 'COPY').filter((c) => c.flags.from === undefined)) {
        for (const source of copy.args.slice(0, -1)) {
          assert.ok(existsSync(join(REPO, source)), `COPY ${source} (line ${copy.line}) exists`);
          const files = contextFiles(REPO, source, ignore);
          assert.ok(files.length > 0, `COPY ${source} (line ${copy.line}): .dockerignore lets it in`);
          if (statSync(join(REPO, source)).isFile()) assert.deepEqual(files, [posix.normalize(source)]);
        }
      }
    }
  });

  // table: what must and must not reach the builder
  const rows: [path: string, excluded: boolean][] = [
    ['package.json', false],
    ['src/cli/main.ts', false],
    ['src/web/admin/admin-static/admin.css', false],
    ['deploy/docker/pharos.yaml', false],
    ['node_modules/fastify/package.json', true],
    ['dist/cli.mjs', true],
    ['.git/config', true],
    ['data/pharos.db', true],
    ['pharos.db', true],
    ['src/store/pharos.db-wal', true],
    ['test-artifacts/trace.zip', true],
    ['.bench-out/run.json', true],
    ['bench/RESULTS.md', true],
    ['test/deploy/docker.test.ts', true],
    ['src/config/load-config.test.ts', true],
    ['.env', true],
    ['deploy/docker/.env', true],
    ['deploy/docker/.env.example', true],
    ['pharos.yaml', true],
    ['deploy/k8s/base/kustomization.yaml', true],
  ];
  for (const [path, excluded] of rows) {
    test(`${path} is ${excluded ? 'left out' : 'sent'}`, () => assert.equal(ignore.excludes(path), excluded));
  }

  test('the matcher follows the builder: folders, **, negation, last match wins', () => {
    const matcher = parseDockerIgnore('*\n!src/\nsrc/**/*.test.ts\n!src/keep.test.ts\n# comment\n/docs\n');
    assert.equal(matcher.excludes('README.md'), true);
    assert.equal(matcher.excludes('src/a/b.ts'), false);
    assert.equal(matcher.excludes('src/a/b.test.ts'), true);
    assert.equal(matcher.excludes('src/b.test.ts'), true);
    assert.equal(matcher.excludes('src/keep.test.ts'), false);
    assert.equal(parseDockerIgnore('/docs\n').excludes('docs/x/y.md'), true);
    assert.equal(parseDockerIgnore('*.md\n').excludes('docs/y.md'), false, '* does not cross a folder');
  });
});

describe('config files in the image', () => {
  const productionConfig = readFileSync(join(REPO, 'deploy/docker/pharos.yaml'), 'utf8');
  const standaloneConfig = readFileSync(join(REPO, 'deploy/docker/standalone.yaml'), 'utf8');

  test("pharos.yaml takes the conventions' five variables", () => {
    const config = parseConfigText(productionConfig, 'pharos.yaml', CONVENTION_ENV);
    assert.equal(config.storage.url, CONVENTION_ENV.PHAROS_DATABASE_URL);
    assert.equal(config.server.secret, CONVENTION_ENV.PHAROS_SECRET);
    for (const role of ['all', 'web', 'worker']) assert.equal(serverSecretMissing(config, role), null, role);
    assert.equal(config.bus.redis?.url, CONVENTION_ENV.PHAROS_REDIS_URL);
    assert.equal(config.server.base_url, CONVENTION_ENV.PHAROS_BASE_URL);
    assert.equal(config.metrics.token, CONVENTION_ENV.PHAROS_METRICS_TOKEN);
    assert.equal(config.server.port, 3000);
    assert.ok(config.server.shutdown_grace < 30_000, 'drains within the 30 s stop timeout');
    const tuned = parseConfigText(productionConfig, 'pharos.yaml', {
      ...CONVENTION_ENV,
      PHAROS_PORT: '8080',
      PHAROS_TRUST_PROXY: '2',
    });
    assert.equal(tuned.server.port, 8080);
    assert.equal(tuned.server.trust_proxy, 2);
    const listed = parseConfigText(productionConfig, 'pharos.yaml', {
      ...CONVENTION_ENV,
      PHAROS_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });
    assert.deepEqual(listed.server.trust_proxy, ['10.0.0.0/8', '127.0.0.1']);
    // the old `true` believed whatever the client wrote: refused, naming the variable's key
    assert.throws(
      () => parseConfigText(productionConfig, 'pharos.yaml', { ...CONVENTION_ENV, PHAROS_TRUST_PROXY: 'true' }),
      /server\.trust_proxy: `true` is no longer accepted/,
    );
  });

  test('pharos.yaml refuses to start without the Redis URL, the metrics token and the secret, and stores SQLite in the volume by default', () => {
    assert.throws(
      () => parseConfigText(productionConfig, 'pharos.yaml', {}),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.issues.map((i) => i.message.split(' is not set')[0]).sort(), [
          'environment variable PHAROS_METRICS_TOKEN',
          'environment variable PHAROS_REDIS_URL',
          'environment variable PHAROS_SECRET',
        ]);
        return true;
      },
    );
    const { PHAROS_DATABASE_URL: _unset, ...withoutDatabase } = CONVENTION_ENV;
    const url = parseConfigText(productionConfig, 'pharos.yaml', withoutDatabase).storage.url;
    const volume = instructionsOf(final, 'VOLUME')[0]!.args[0]!;
    assert.ok(url.startsWith(`sqlite:${volume}/`), `${url} is inside VOLUME ${volume}`);
  });

  test('standalone.yaml validates with no environment at all', () => {
    const config = parseConfigText(standaloneConfig, 'standalone.yaml', {});
    assert.match(config.storage.url, /^sqlite:\/var\/lib\/pharos\//);
    assert.equal(config.bus.redis, undefined);
    assert.equal(copiedTo(final, 'deploy/docker/standalone.yaml'), '/etc/pharos/standalone.yaml');
    // one process on SQLite needs no server.secret; on PostgreSQL `pharos start` asks for one (the file's comment)
    assert.equal(config.server.secret, undefined);
    assert.equal(serverSecretMissing(config, 'all'), null);
    const onPostgres = parseConfigText(standaloneConfig, 'standalone.yaml', {
      PHAROS_DATABASE_URL: 'postgres://pharos:secret@db.internal:5432/pharos',
    });
    assert.match(serverSecretMissing(onPostgres, 'all') ?? '', /PostgreSQL/);
    assert.match(standaloneConfig, /^#\s+secret: "\$\{PHAROS_SECRET\}"$/m, 'the comment says what to add');
  });
});
