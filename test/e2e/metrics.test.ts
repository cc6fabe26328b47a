import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { PHAROS_VERSION } from '../../src/runtime/version.ts';
import { startHttpTestServer, type HttpTestServer } from '../support/http-test-server.ts';
import { waitFor } from '../support/wait-for.ts';
import { freePort } from '../support/free-port.ts';

const PROMTOOL = process.env['PHAROS_PROMTOOL'] ?? '/usr/bin/promtool';
const PROMETHEUS = process.env['PHAROS_PROMETHEUS'] ?? '/usr/bin/prometheus';
const OBSERVABILITY = new URL('../../deploy/observability/', import.meta.url).pathname;
const TOKEN = 'metrics-token-0123456789';

/** Why the Prometheus tests are skipped, or false. In CI (CI=true) a missing binary is a failure: .ci/run installs Debian's prometheus. */
function skipWithoutPrometheus(): string | false {
  const missing = [PROMTOOL, PROMETHEUS].filter((p) => !existsSync(p));
  if (missing.length === 0) return false;
  if (process.env['CI'] === 'true')
    throw new Error(`missing ${missing.join(', ')}: .ci/run should have installed Debian's prometheus`);
  return `missing ${missing.join(', ')} (apt-get install -y prometheus)`;
}
const skip = skipWithoutPrometheus();

function run(cmd: string, args: string[], input?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

/** Metric families named in the exposition text (`# TYPE name kind`). */
function families(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
}

/** One sample's value, or undefined: `name{labels} value` with the labels given as they are printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Metric names used by a PromQL expression (Pharos's and the process metrics), histogram suffixes folded into the family. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:pharos|process|nodejs)_[a-z0-9_]+)/g)].map((m) =>
    m[1]!.replace(/_(bucket|sum|count)$/, ''),
  );
}

/** Only Pharos's own families: prom-client's process metrics break promtool's lint rules (see STACK.md). */
function pharosFamiliesOnly(text: string): string {
  return text
    .split('\n')
    .filter((l) => /^(# (HELP|TYPE) )?pharos_/.test(l))
    .join('\n')
    .concat('\n');
}

describe('/metrics and deploy/observability', () => {
  let dir: string;
  let target: HttpTestServer;
  let pharos: RunningPharos;
  let stream: ClientRequest | undefined;
  let prometheus: ChildProcess | undefined;
  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    fetch(`${pharos.url}/metrics`, { headers });
  const metricsText = async () => (await scrape()).text();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-metrics-'));
    target = await startHttpTestServer();
    const config = parseConfigText(
      `
title: Metrics
server: { host: 127.0.0.1 }
storage: { url: "sqlite:${join(dir, 'm.db')}", batch_interval: 20ms }
admin: { setup_link: false }
metrics: { token: "\${METRICS_TOKEN}" }
delivery: { backoff_base: 100ms, backoff_max: 200ms, poll_interval: 100ms }
components:
  - { id: web, name: Website, monitors: [web-check, broken-check] }
monitors:
  - { id: web-check, type: http, url: "${target.url}/status/200", interval: 1s, timeout: 500ms }
  - { id: broken-check, type: http, url: "${target.url}/status/500", interval: 1s, timeout: 500ms, failure_threshold: 1 }
notifications:
  - { id: hook, type: webhook, url: "${target.url}/status/503", secret: "0123456789abcdef-metrics" }
`,
      'metrics.yaml',
      { METRICS_TOKEN: TOKEN },
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  });

  after(async () => {
    prometheus?.kill('SIGKILL');
    stream?.destroy();
    await pharos?.close();
    await target?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the bearer token guards /metrics', async () => {
    const none = await scrape({});
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal((await scrape({ authorization: 'Bearer wrong-token-0123456789' })).status, 401);
    assert.equal(
      (await scrape({ authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` })).status,
      401,
    );
    const ok = await scrape();
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
  });

  test('Pharos series have sensible values after a few checks, requests, a live viewer and a failing channel', async () => {
    assert.equal((await fetch(`${pharos.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${pharos.url}/api/v2/summary.json`)).status, 200);
    assert.equal((await fetch(`${pharos.url}/no-such-page`)).status, 404);
    stream = httpRequest(`${pharos.url}/api/v2/stream`);
    stream.on('error', () => undefined);
    stream.end();
    const text = await waitFor(
      'http checks, a live viewer and a failed delivery in /metrics',
      async () => {
        const t = await metricsText();
        const ok = sample(t, 'pharos_checks_total{type="http",outcome="ok"}') ?? 0;
        const failed = sample(t, 'pharos_checks_total{type="http",outcome="failed"}') ?? 0;
        const delivery = sample(t, 'pharos_outbox_deliveries_total{channel="hook",outcome="failed"}') ?? 0;
        return ok >= 2 && failed >= 1 && delivery >= 1 && sample(t, 'pharos_sse_clients') === 1 ? t : undefined;
      },
      15_000,
      100,
    );
    assert.equal(sample(text, 'pharos_monitors_owned'), 2);
    assert.equal(sample(text, 'pharos_lease_takeovers_total'), 0);
    // SQLite: this process owns every monitor of the catalog, without lease rounds
    assert.equal(sample(text, 'pharos_catalog_monitors'), 2);
    assert.equal(sample(text, 'pharos_lease_round_failures_total'), 0);
    assert.ok(sample(text, 'pharos_check_duration_seconds_count{type="http"}')! >= 3);
    assert.ok(sample(text, 'pharos_scheduler_lag_seconds_count')! >= 3);
    assert.equal(sample(text, 'pharos_http_requests_total{method="GET",route="/healthz",status="200"}'), 1);
    // the raw URL never becomes a label: an unmatched path is counted as "(unmatched)" or under the catch-all route
    assert.doesNotMatch(text, /no-such-page/);
    assert.ok(sample(text, 'pharos_http_request_duration_seconds_count{method="GET",route="/healthz"}')! >= 1);
    assert.ok(sample(text, 'pharos_public_responses_total{kind="json",status="200"}')! >= 1);
    assert.equal(sample(text, 'pharos_public_responses_total{kind="error",status="404"}'), 1);
    assert.equal(sample(text, 'pharos_public_responses_total{kind="stream",status="200"}'), 1);
    assert.ok(sample(text, 'pharos_outbox_pending{channel="hook"}')! >= 0);
    assert.ok(sample(text, 'pharos_outbox_oldest_pending_age_seconds')! >= 0);
    assert.ok(sample(text, 'pharos_snapshot_rebuild_seconds')! > 0);
    assert.ok(sample(text, 'pharos_store_query_duration_seconds_count{operation="select"}')! > 0);
    assert.ok(sample(text, 'pharos_store_query_duration_seconds_count{operation="insert"}')! > 0);
    assert.equal(sample(text, `pharos_build_info{version="${PHAROS_VERSION}"}`), 1);
    assert.ok(families(text).has('process_cpu_seconds_total'));
    assert.ok(families(text).has('nodejs_eventloop_lag_p99_seconds'));
  });

  test('promtool accepts Pharos series; its only complaints are about the process metrics', { skip }, async () => {
    const text = await metricsText();
    const own = await run(PROMTOOL, ['check', 'metrics'], pharosFamiliesOnly(text));
    assert.equal(own.code, 0, own.out);
    const all = await run(PROMTOOL, ['check', 'metrics'], text);
    assert.ok(all.code === 0 || all.code === 3, all.out);
    assert.doesNotMatch(all.out, /pharos_/);
  });

  test('promtool accepts the alerting rules and the example Prometheus config', { skip }, async () => {
    const rules = await run(PROMTOOL, ['check', 'rules', join(OBSERVABILITY, 'prometheus-rules.yaml')]);
    assert.equal(rules.code, 0, rules.out);
    assert.match(rules.out, /SUCCESS: 5 rules found/);
    // as the example says: copied next to the rules, with the scrape token in pharos-metrics-token beside it
    const copy = join(dir, 'observability');
    await mkdir(copy, { recursive: true });
    for (const file of ['prometheus.yaml', 'prometheus-rules.yaml'])
      await copyFile(join(OBSERVABILITY, file), join(copy, file));
    await writeFile(join(copy, 'pharos-metrics-token'), TOKEN);
    const config = await run(PROMTOOL, ['check', 'config', join(copy, 'prometheus.yaml')]);
    assert.equal(config.code, 0, config.out);
    // the alerts fire (and only) when they should, with the texts they should: deploy/observability/prometheus-rules.test.yaml
    const unit = await run(PROMTOOL, ['test', 'rules', join(OBSERVABILITY, 'prometheus-rules.test.yaml')]);
    assert.equal(unit.code, 0, unit.out);
  });

  test('every metric the dashboard and the alerts query is one Pharos serves', async () => {
    const served = families(await metricsText());
    const dashboard = JSON.parse(await readFile(join(OBSERVABILITY, 'grafana-dashboard.json'), 'utf8')) as {
      panels: { type: string; title: string; targets?: { expr: string }[] }[];
    };
    const graphs = dashboard.panels.filter((p) => p.type !== 'row');
    assert.ok(graphs.length >= 15);
    const rules = parseYaml(await readFile(join(OBSERVABILITY, 'prometheus-rules.yaml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string; annotations: Record<string, string> }[] }[];
    };
    const alerts = rules.groups.flatMap((g) => g.rules);
    assert.deepEqual(
      alerts.map((a) => a.alert),
      ['PharosDown', 'PharosSchedulerLag', 'PharosOutboxBacklog', 'PharosLeaseChurn', 'PharosHighErrorRate'],
    );
    for (const a of alerts) assert.ok(a.annotations['summary'] && a.annotations['description'], a.alert);
    const exprs = [
      ...graphs.flatMap((p) => (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr }))),
      ...alerts.map((a) => ({ where: a.alert, expr: a.expr })),
    ];
    for (const { where, expr } of exprs) {
      const names = metricNames(expr);
      if (where !== 'PharosDown') assert.ok(names.length > 0, `${where}: no Pharos metric in ${expr}`);
      for (const name of names) assert.ok(served.has(name), `${where}: ${name} is not served by /metrics`);
    }
    // each family Pharos serves appears on the dashboard
    const charted = new Set(exprs.flatMap((e) => metricNames(e.expr)));
    for (const name of served)
      if (name.startsWith('pharos_') && name !== 'pharos_build_info')
        assert.ok(charted.has(name), `${name} is on no panel`);
  });

  test('metrics.enabled: false leaves /metrics unrouted', async () => {
    const config = parseConfigText(
      `storage: { url: "sqlite::memory:" }\nserver: { host: 127.0.0.1 }\nadmin: { setup_link: false }\nmetrics: { enabled: false }\n`,
      'off.yaml',
      {},
    );
    const off = await startPharos({ config, port: 0, logger: createLogger('silent') });
    try {
      assert.equal(off.metrics, undefined);
      assert.equal((await fetch(`${off.url}/metrics`)).status, 404);
    } finally {
      await off.close();
    }
  });

  test('without a token /metrics refuses every scrape with a hint; metrics.public: true is the explicit way to open it', async () => {
    const start = (metricsYaml: string) =>
      startPharos({
        config: parseConfigText(
          `storage: { url: "sqlite::memory:" }\nserver: { host: 127.0.0.1 }\nadmin: { setup_link: false }\n${metricsYaml}`,
          'm.yaml',
          {},
        ),
        port: 0,
        logger: createLogger('silent'),
      });
    const closed = await start('');
    try {
      for (const headers of [{}, { authorization: 'Bearer anything-at-all-0123456789' }] as Record<string, string>[]) {
        const res = await fetch(`${closed.url}/metrics`, { headers });
        assert.equal(res.status, 401);
        const body = (await res.json()) as { error: string; message: string };
        assert.equal(body.error, 'metrics_token_not_configured');
        assert.match(body.message, /metrics\.token/);
        assert.match(body.message, /metrics\.public: true/);
      }
      // a worker replica's ops-only server applies the same rule
      assert.equal((await closed.app.inject({ url: '/metrics' })).statusCode, 401);
    } finally {
      await closed.close();
    }
    const open = await start('metrics: { public: true }\n');
    try {
      const res = await fetch(`${open.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /^# HELP /m);
    } finally {
      await open.close();
    }
    assert.throws(
      () => parseConfigText(`metrics: { public: true, token: "${TOKEN}" }\n`, 'both.yaml', {}),
      /metrics\.public: either a token or public: true/,
    );
  });

  test('a real Prometheus scrapes Pharos: up == 1 and Pharos series', { skip, timeout: 60_000 }, async () => {
    const port = await freePort();
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, TOKEN);
    const configFile = join(dir, 'prometheus.yaml');
    await writeFile(
      configFile,
      `global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: ["${join(OBSERVABILITY, 'prometheus-rules.yaml')}"]
scrape_configs:
  - job_name: pharos
    authorization: { type: Bearer, credentials_file: "${tokenFile}" }
    static_configs: [{ targets: ["${new URL(pharos.url).host}"] }]
`,
    );
    let log = '';
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout?.on('data', (c: Buffer) => (log += c.toString()));
    prometheus.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-5000)));
    const query = async (promql: string) => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(promql)}`);
        const body = (await res.json()) as {
          status: string;
          data: { result: { metric: Record<string, string>; value: [number, string] }[] };
        };
        return body.status === 'success' ? body.data.result : [];
      } catch {
        return [];
      }
    };
    const up = await waitFor(
      'up{job="pharos"} == 1 in Prometheus',
      async () => {
        assert.equal(prometheus!.exitCode, null, `prometheus exited: ${log}`);
        return (await query('up{job="pharos"}')).find((r) => r.value[1] === '1');
      },
      40_000,
      250,
    );
    assert.equal(up.metric['instance'], new URL(pharos.url).host);
    const checks = await waitFor(
      'pharos_checks_total in Prometheus',
      async () =>
        (await query('sum(pharos_checks_total{job="pharos",type="http"})')).find((r) => Number(r.value[1]) > 0),
      20_000,
      250,
    );
    assert.ok(Number(checks.value[1]) > 0);
    const rules = await waitFor('the alerting rules loaded', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/rules`).catch(() => undefined);
      const body = res ? ((await res.json()) as { data: { groups: { rules: { name: string }[] }[] } }) : undefined;
      return body?.data.groups.flatMap((g) => g.rules.map((r) => r.name));
    });
    assert.ok(rules.includes('PharosDown'));
  });
});
