import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { checkPlan } from '../../src/import/check-plan.ts';
import { readGatusConfig } from '../../src/import/gatus/gatus-config.ts';
import { mapGatus } from '../../src/import/gatus/map-gatus.ts';
import type { ImportPlan } from '../../src/import/import-plan.ts';
import { formatReport } from '../../src/import/import-report.ts';
import { renderConfigFile } from '../../src/import/render-config-file.ts';

const CONFIG = new URL('../fixtures/import/gatus/config.yaml', import.meta.url).pathname;
const ENV = {
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/slack-secret',
  API_HOST: 'api.example.com',
  API_TOKEN: 'api-secret',
};

describe('import from a Gatus config', () => {
  let plan: ImportPlan;
  let source: string;
  const line = (kind: string, source: string) => {
    const found = plan.report.lines.find((l) => l.kind === kind && l.source === source);
    assert.ok(found, `no report line for ${kind} ${source}:\n${formatReport(plan.report)}`);
    return found;
  };
  const monitor = (id: string) => plan.monitors.find((m) => m.value.id === id)?.value;
  before(async () => {
    source = await readFile(CONFIG, 'utf8');
    plan = mapGatus(readGatusConfig(source));
    checkPlan(plan, ENV);
  });

  test('endpoints keep their conditions verbatim; those Pharos cannot evaluate are said', () => {
    const site = monitor('core-website')!;
    assert.deepEqual(site.conditions, [
      '[STATUS] == 200',
      '[BODY].status == UP',
      '[RESPONSE_TIME] < 300',
      '[CERTIFICATE_EXPIRATION] > 48h',
    ]);
    assert.equal(site.interval, '30s');
    assert.deepEqual([site.failure_threshold, site.success_threshold], [3, 2]);
    const notes = line('endpoint', 'core/website').notes.join();
    assert.match(notes, /condition "\[DOMAIN_EXPIRATION\] > 720h" left out/);
  });

  test('${ENV} references are kept as written, headers, method, body, client and ui settings carried', () => {
    const api = monitor('core-api')!;
    assert.equal(api.url, 'https://${API_HOST}/v1/ping');
    assert.deepEqual(api.headers, { 'Content-Type': 'application/json', Authorization: 'Bearer ${API_TOKEN}' });
    assert.equal(api.method, 'POST');
    assert.equal(api.verify_tls, false);
    assert.equal(api.timeout, '5s');
    assert.deepEqual(api.public, { hide_url: true });
    assert.deepEqual([api.failure_threshold, api.success_threshold], [5, 3]);
  });

  test('tcp and dns endpoints; icmp and ssh left out with why', () => {
    assert.deepEqual([monitor('infrastructure-redis')!.type, monitor('infrastructure-redis')!.port], ['tcp', 6379]);
    const dns = monitor('infrastructure-example-dns-query')!;
    assert.deepEqual([dns.query, dns.record_type, dns.resolver], ['example.com', 'A', '8.8.8.8']);
    assert.deepEqual(dns.conditions, ['[IP] == 93.184.215.14', '[DNS_RCODE] == NOERROR']);
    assert.equal(line('endpoint', 'gateway').outcome, 'left out');
    assert.match(line('endpoint', 'ssh').notes.join(), /ssh endpoints/);
    assert.equal(line('endpoint', 'ws').outcome, 'left out');
  });

  test('external endpoints become push monitors; a token Pharos cannot take is replaced', () => {
    const backup = monitor('jobs-nightly-backup')!;
    assert.deepEqual([backup.type, backup.token, backup.interval], ['push', 'backup-push-token-0123456789', '25h']);
    const cron = monitor('jobs-cron')!;
    assert.match(String(cron.token), /^[A-Za-z0-9_-]{32}$/);
    assert.match(line('external endpoint', 'jobs/cron').notes.join(), /a new one was derived/);
  });

  test('groups, alerts → channels for the endpoints that alert through them, maintenance on every component', () => {
    assert.deepEqual(
      plan.groups.map((g) => g.value.name),
      ['core', 'infrastructure', 'jobs'],
    );
    const slack = plan.channels.find((c) => c.value.type === 'slack')!.value;
    assert.equal(slack.url, '${SLACK_WEBHOOK_URL}');
    assert.deepEqual(slack.monitors, ['core-website']);
    assert.deepEqual(slack.events, ['monitor.down', 'monitor.up']);
    const pagerduty = plan.channels.find((c) => c.value.type === 'pagerduty')!.value;
    assert.deepEqual(pagerduty.events, ['monitor.down']);
    assert.deepEqual(plan.channels.find((c) => c.value.type === 'webhook')!.value.monitors, ['jobs-nightly-backup']);
    assert.equal(line('alerting provider', 'twilio').outcome, 'left out');
    const m = plan.maintenances[0]!.value;
    assert.deepEqual(
      [m.start, m.end, m.time_zone, m.recurrence],
      ['2025-01-06T23:00', '2025-01-07T00:00', 'Europe/Amsterdam', { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH' }],
    );
    assert.equal((m.components as string[]).length, plan.components.length);
    assert.equal(line('setting', 'storage').outcome, 'left out');
  });

  test('the config file made loads with the variables set, and says which ones it needs', () => {
    const text = renderConfigFile(plan, 'gatus');
    assert.match(text, /\$\{SLACK_WEBHOOK_URL\}/);
    const config = parseConfigText(text, 'out.yaml', ENV);
    assert.equal(config.monitors.length, 6);
    assert.ok(!formatReport(plan.report).includes('slack-secret'));
    const unset = mapGatus(readGatusConfig(source));
    checkPlan(unset, {});
    assert.match(
      unset.report.lines.find((l) => l.source === 'slack')!.notes.join(),
      /refers to \$\{SLACK_WEBHOOK_URL\}, not set here/,
    );
  });
});
