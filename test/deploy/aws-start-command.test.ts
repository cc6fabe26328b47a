import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse as parsePostgresUrl } from 'pg-connection-string';
import { START_SCRIPT, awsConfigFile } from '../../deploy/aws/lib/compute.ts';
import { URL_UNSAFE_CHARACTERS } from '../../deploy/aws/lib/data.ts';
import { parseConfigText } from '../../src/config/load-config.ts';

// The ECS task runs `sh -c START_SCRIPT` with the secrets as separate variables; here a fake `node`
// on PATH records what the real one would receive.
const dir = mkdtempSync(join(tmpdir(), 'pharos-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fakeNode = join(dir, 'node');
writeFileSync(fakeNode, '#!/bin/sh\nprintf "%s\\n" "$PHAROS_DATABASE_URL" "$PHAROS_REDIS_URL" "$*"\n');
chmodSync(fakeNode, 0o755);

/** A password as Secrets Manager would generate it with our exclusions: any printable ASCII not excluded. */
function generatedPassword(length: number): string {
  const allowed = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter(
    (c) => !URL_UNSAFE_CHARACTERS.includes(c),
  );
  return Array.from({ length }, () => allowed[randomInt(allowed.length)]).join('');
}

const rows = [
  { role: 'web', port: '5432' },
  { role: 'worker', port: '6543' },
];

for (const row of rows) {
  test(`${row.role}: the start command builds URLs that pg and Pharos's config read back exactly`, () => {
    const password = generatedPassword(30);
    const token = generatedPassword(64);
    const env = {
      PATH: `${dir}:/usr/bin:/bin`,
      PHAROS_ROLE: row.role,
      PHAROS_DB_USER: 'pharos',
      PHAROS_DB_PASSWORD: password,
      PHAROS_DB_HOST: 'pharos-staging.abc123.eu-west-1.rds.amazonaws.com',
      PHAROS_DB_PORT: row.port,
      PHAROS_REDIS_AUTH_TOKEN: token,
      PHAROS_REDIS_HOST: 'master.pharos-staging-redis.abc123.euw1.cache.amazonaws.com',
      PHAROS_CONFIG: awsConfigFile(true),
    };
    const [databaseUrl, redisUrl, args] = execFileSync('/bin/sh', ['-c', START_SCRIPT], {
      env,
      encoding: 'utf8',
    }).split('\n');
    assert.equal(args, `bin/pharos.js start --config /etc/pharos/aws.yaml --role ${row.role}`);

    const pg = parsePostgresUrl(databaseUrl!);
    assert.deepEqual(
      { user: pg.user, password: pg.password, host: pg.host, port: pg.port, database: pg.database },
      { user: 'pharos', password, host: env.PHAROS_DB_HOST, port: row.port, database: 'pharos' },
    );
    assert.ok(pg.ssl, 'TLS to RDS');

    const redis = new URL(redisUrl!);
    assert.equal(redis.protocol, 'rediss:');
    assert.equal(decodeURIComponent(redis.password), token);
    assert.equal(redis.password, token, 'the token needs no URL-encoding');
    assert.equal(redis.hostname, env.PHAROS_REDIS_HOST);

    // The image's config file turns these variables into Pharos's settings.
    const configText = readFileSync(new URL('../../deploy/docker/aws.yaml', import.meta.url), 'utf8');
    const config = parseConfigText(configText, 'aws.yaml', {
      PHAROS_DATABASE_URL: databaseUrl,
      PHAROS_REDIS_URL: redisUrl,
      PHAROS_METRICS_TOKEN: generatedPassword(64),
      PHAROS_SECRET: generatedPassword(64),
      PHAROS_BASE_URL: 'https://staging.status.example.com',
      PHAROS_TRUST_PROXY: '2',
      PHAROS_AWS_REGION: 'eu-west-1',
      PHAROS_PUBLISH_BUCKET: 'pharos-staging-static-copy',
      PHAROS_CLOUDFRONT_DISTRIBUTION_ID: 'E2QWRUHAPOMQZL',
      PHAROS_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:pharos-staging-pharos-alerts',
    });
    assert.equal(config.storage.url, databaseUrl);
    assert.equal(config.bus.redis?.url, redisUrl);
  });
}
