/**
 * Publish latency: from an admin change (an incident update through the API) to the changed page in the bucket, with
 * `publish:` against the S3-compatible test server on 127.0.0.1 (SigV4-checked). Prints p50/p99 over N changes.
 *   node --import tsx bench/publish-latency.ts [N]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../src/config/load-config.ts';
import { createLogger } from '../src/runtime/logger.ts';
import { startPharos } from '../src/runtime/start-pharos.ts';
import { adminToken } from '../test/support/admin-token.ts';
import { TEST_AWS_CREDENTIALS } from '../test/support/aws-sigv4-check.ts';
import { startS3TestServer } from '../test/support/s3-test-server.ts';
import { waitFor } from '../test/support/wait-for.ts';

const n = Number(process.argv[2] ?? 30);
const dir = await mkdtemp(join(tmpdir(), 'pharos-publish-bench-'));
const s3 = await startS3TestServer({ bucket: 'bench', region: 'eu-west-1' });
process.env.AWS_ACCESS_KEY_ID = TEST_AWS_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = TEST_AWS_CREDENTIALS.secretAccessKey;
const components = Array.from({ length: 20 }, (_, i) => `  - { id: c${i}, name: Component ${i} }`).join('\n');
const config = parseConfigText(
  `
storage: { url: "sqlite:${join(dir, 'b.db')}" }
components:
${components}
publish:
  targets: [{ type: s3, bucket: bench, prefix: site, region: eu-west-1, endpoint: "${s3.url}" }]
`,
  'bench.yaml',
  {},
);
const pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
try {
  const token = await adminToken(pharos, config, 'bench');
  await waitFor('the first publish', () => pharos.publisher!.targets[0]!.publishes >= 1, 30_000);
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const name = `Bench incident ${i}`;
    const started = performance.now();
    const res = await fetch(`${pharos.url}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, components: [{ id: `c${i % 20}`, status: 'degraded_performance' }] }),
    });
    if (res.status !== 201) throw new Error(`HTTP ${res.status}`);
    await waitFor('the change in the bucket', () => s3.objects.get('site/index.html')?.body.includes(name), 30_000, 5);
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 200));
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(0);
  console.log(
    `publish latency (API change → page in the bucket), ${n} changes, ${s3.objects.size} objects: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${latencies.at(-1)!.toFixed(0)} ms; refused signatures: ${s3.refused.length}`,
  );
} finally {
  await pharos.close();
  await s3.close();
  await rm(dir, { recursive: true, force: true });
}
