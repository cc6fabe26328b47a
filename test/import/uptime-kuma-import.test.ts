import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { checkPlan } from '../../src/import/check-plan.ts';
import type { ImportPlan } from '../../src/import/import-plan.ts';
import { formatReport } from '../../src/import/import-report.ts';
import { renderConfigFile } from '../../src/import/render-config-file.ts';
import { mapKuma } from '../../src/import/uptime-kuma/map-kuma.ts';
import { readKumaDatabase } from '../../src/import/uptime-kuma/read-kuma-database.ts';
import { buildKumaDatabase } from './kuma-fixture.ts';

const line = (plan: ImportPlan, kind: string, source: string) => {
  const found = plan.report.lines.find((l) => l.kind === kind && l.source === source);
  assert.ok(found, `no report line for ${kind} ${source}:\n${formatReport(plan.report)}`);
  return found;
};
const monitor = (plan: ImportPlan, id: string) => plan.monitors.find((m) => m.value.id === id)?.value;

describe('import from an Uptime Kuma database', () => {
  let dir: string;
  let plan: ImportPlan;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-kuma-'));
    const { data, close } = readKumaDatabase(await buildKumaDatabase(dir));
    try {
      plan = mapKuma(data, { withHistory: true });
    } finally {
      close();
    }
    checkPlan(plan, {});
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('http, keyword and json-query monitors become http monitors with conditions', () => {
    assert.deepEqual(monitor(plan, 'website'), {
      id: 'website',
      name: 'Website',
      description: 'The public site',
      interval: '60s',
      failure_threshold: 3,
      timeout: '48000ms',
      type: 'http',
      url: 'https://www.example.com/',
      conditions: ['[STATUS] >= 200', '[STATUS] <= 299'],
    });
    assert.match(line(plan, 'monitor', 'Website').notes.join(), /retries every 30s/);
    const api = monitor(plan, 'api-health')!;
    assert.deepEqual(api.conditions, [
      `[STATUS] == any(${[...Array.from({ length: 100 }, (_, i) => 200 + i), 301].join(', ')})`,
      '[BODY] contains "\\"status\\":\\"ok\\""',
    ]);
    assert.deepEqual(api.headers, {
      'X-Env': 'prod',
      Authorization: `Basic ${Buffer.from('monitor:kuma-basic-secret').toString('base64')}`,
    });
    assert.equal(api.failure_threshold, 2);
    assert.deepEqual(monitor(plan, 'json-status')!.conditions, [
      '[STATUS] >= 200',
      '[STATUS] <= 299',
      '[BODY].data.state == "up"',
    ]);
    const jsonata = line(plan, 'monitor', 'Items present');
    assert.equal(jsonata.outcome, 'approximated');
    assert.match(jsonata.notes.join(), /JSONata query "\$count\(items\) > 0"/);
  });

  test('port, dns and push map to tcp, dns and push; ping, group and database types are left out with why', () => {
    assert.deepEqual(
      {
        type: monitor(plan, 'postgres-port')!.type,
        host: monitor(plan, 'postgres-port')!.host,
        port: monitor(plan, 'postgres-port')!.port,
      },
      { type: 'tcp', host: 'db.internal', port: 5432 },
    );
    assert.equal(monitor(plan, 'dns')!.record_type, 'AAAA');
    assert.equal(monitor(plan, 'dns')!.resolver, '1.1.1.1');
    assert.equal(monitor(plan, 'dns')!.failure_threshold, 2);
    assert.equal(monitor(plan, 'backup-job')!.token, 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY');
    for (const [name, why] of [
      ['Gateway ping', /ICMP ping is not a Pharos check type/],
      ['Backend', /a Kuma group only folds monitors/],
      ['MySQL', /no database check type/],
    ] as const) {
      const l = line(plan, 'monitor', name);
      assert.equal(l.outcome, 'left out');
      assert.match(l.notes.join(), why);
    }
    const old = monitor(plan, 'old-site')!;
    assert.equal(old.enabled, false);
    assert.equal(old.verify_tls, false);
    assert.equal(old.follow_redirects, false);
    assert.equal(old.method, 'HEAD');
    assert.match(line(plan, 'monitor', 'Old site').notes.join(), /upside-down mode/);
  });

  test('status pages become pages of components in their groups; a password-protected page is not published', () => {
    assert.deepEqual(
      plan.components.map((c) => [c.value.id, c.value.group]),
      [
        ['website', 'Services'],
        ['api-health', 'Services'],
        ['json-status', 'Services'],
        ['postgres-port', 'Infrastructure'],
        ['dns', 'Infrastructure'],
      ],
    );
    assert.deepEqual(
      plan.pages.map((p) => p.value),
      [
        {
          slug: 'status',
          title: 'Example Status',
          description: 'Live status of Example services',
          components: ['website', 'api-health', 'json-status', 'postgres-port', 'dns'],
          custom_css: 'body { font-size: 15px; }',
          domains: ['status.example.com'],
        },
      ],
    );
    assert.match(line(plan, 'status page', 'status').notes.join(), /footer text not carried/);
    assert.equal(line(plan, 'status page', 'internal').outcome, 'left out');
  });

  test('maintenance windows: single, weekly, cron and monthly, on the components of their monitors and pages', () => {
    const m = (id: string) => plan.maintenances.find((x) => x.value.id === id)?.value;
    assert.deepEqual(m('database-upgrade'), {
      id: 'database-upgrade',
      title: 'Database upgrade',
      body: 'PostgreSQL 17',
      time_zone: 'Europe/Berlin',
      components: ['postgres-port'],
      start: '2026-12-20T02:00',
      end: '2026-12-20T04:00',
    });
    assert.deepEqual(m('weekly-patching')!.recurrence, { rrule: 'FREQ=WEEKLY;BYDAY=SU,WE', until: '2027-12-31T00:00' });
    assert.equal(m('weekly-patching')!.end, '2026-01-01T03:30');
    assert.deepEqual(m('nightly-restart')!.recurrence, { cron: '0 1 * * *' });
    assert.equal(m('nightly-restart')!.end, '2026-01-01T00:30');
    assert.match(line(plan, 'maintenance', 'Nightly restart').notes.join(), /read as UTC/);
    assert.deepEqual(m('month-end')!.recurrence, { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,-1' });
    assert.equal(line(plan, 'maintenance', 'Incident freeze').outcome, 'left out');
  });

  test('notification providers Pharos has become channels for the monitors that used them; secrets never in the report', () => {
    const slack = plan.channels.find((c) => c.value.type === 'slack')!.value;
    assert.deepEqual(slack.monitors, ['website', 'api-health']);
    assert.equal(slack.channel, '#ops');
    const mail = plan.channels.find((c) => c.value.type === 'email')!.value;
    assert.deepEqual(mail.to, ['ops@example.com', 'oncall@example.com']);
    assert.deepEqual(mail.from, { name: 'Uptime Kuma', address: 'kuma@example.com' });
    assert.deepEqual(mail.smtp, {
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      user: 'kuma',
      pass: 'smtp-secret-pass',
    });
    const telegram = plan.channels.find((c) => c.value.type === 'telegram')!.value;
    assert.equal(telegram.chat_id, -1001234567890);
    assert.deepEqual(telegram.monitors, ['postgres-port']);
    assert.equal(line(plan, 'notification', 'Signal group').outcome, 'left out');
    const text = formatReport(plan.report);
    for (const secret of [
      'smtp-secret-pass',
      'kuma-basic-secret',
      'XXXXXXXXXXXXXXXXXXXXXXXX',
      'AAEabcdefghij',
      'aB3dE5fG7hJ9',
    ])
      assert.ok(!text.includes(secret), `the report shows ${secret}`);
  });

  test('heartbeats become results (pending counted as failures, maintenance apart)', () => {
    const history = plan.history.find((h) => h.value.monitorId === 'website')!.value;
    assert.deepEqual(
      history.results.map((r) => [new Date(r.startedAt).toISOString(), r.ok, r.maintenance, r.latencyMs]),
      [
        ['2026-11-01T10:00:00.000Z', true, false, 120],
        ['2026-11-01T10:01:00.000Z', true, false, 130],
        ['2026-11-01T10:02:00.000Z', false, false, 0],
        ['2026-11-01T10:02:30.000Z', false, false, 0],
        ['2026-11-01T11:03:30.000Z', true, false, 110],
        ['2026-11-02T01:10:00.000Z', true, true, 0],
      ],
    );
  });

  test('status page announcements become incidents; tables Pharos does not import are each one line', () => {
    assert.deepEqual(
      plan.incidents.map((i) => [i.value.name, i.value.impact, i.value.updates.map((u) => u.status)]),
      [
        ['Slow checkout', 'major', ['investigating']],
        ['Planned move', 'none', ['investigating', 'resolved']],
      ],
    );
    assert.match(line(plan, 'table', 'user').notes.join(), /1 row\(s\): accounts are not carried/);
    assert.match(line(plan, 'table', 'api_key').notes.join(), /pharos token create/);
  });

  test('every object of the source has one report line, and the config file made loads', () => {
    for (const name of [
      'Website',
      'API health',
      'JSON status',
      'Items present',
      'Postgres port',
      'Gateway ping',
      'DNS',
      'Backup job',
      'Backend',
      'MySQL',
      'Old site',
    ])
      line(plan, 'monitor', name);
    const config = parseConfigText(renderConfigFile(plan, 'uptime-kuma'), 'out.yaml', {});
    assert.equal(config.monitors.length, 8);
    assert.equal(config.components.length, 5);
    assert.equal(config.maintenances.length, 4);
    assert.equal(config.notifications.length, 3);
    assert.equal(line(plan, 'history', 'Website').outcome, 'left out');
  });
});

describe('import from an Uptime Kuma backup JSON', () => {
  test('monitors and notifications map; what a backup lacks is said', async () => {
    const { readFile } = await import('node:fs/promises');
    const { readKumaBackup } = await import('../../src/import/uptime-kuma/read-kuma-backup.ts');
    const { KUMA_BACKUP } = await import('./kuma-fixture.ts');
    const plan = mapKuma(readKumaBackup(JSON.parse(await readFile(KUMA_BACKUP, 'utf8'))), { withHistory: true });
    checkPlan(plan, {});
    const shop = monitor(plan, 'shop')!;
    assert.equal(shop.method, 'POST');
    assert.equal(shop.body, '{"probe": true}');
    assert.deepEqual(shop.headers, { 'Content-Type': 'application/json' });
    assert.equal(shop.failure_threshold, 5);
    assert.deepEqual(shop.conditions, ['[STATUS] >= 200', '[STATUS] <= 299', '[BODY] !contains "Add to cart"']);
    assert.deepEqual(
      { type: monitor(plan, 'smtp-relay')!.type, port: monitor(plan, 'smtp-relay')!.port },
      { type: 'tcp', port: 25 },
    );
    const discord = plan.channels.find((c) => c.value.type === 'discord')!.value;
    assert.deepEqual(discord.monitors, ['shop']);
    assert.equal(discord.url, 'https://discord.com/api/webhooks/123456789012345678/discord-secret-token');
    const ntfy = plan.channels.find((c) => c.value.type === 'ntfy')!.value;
    assert.equal(ntfy.token, 'tk_ntfysecrettoken');
    assert.match(line(plan, 'notification', 'ntfy').notes.join(), /priority 5 not carried/);
    assert.equal(line(plan, 'backup', 'status pages, maintenance and history').outcome, 'left out');
    assert.equal(line(plan, 'history', 'heartbeats').outcome, 'left out');
    assert.ok(!formatReport(plan.report).includes('discord-secret-token'));
    parseConfigText(renderConfigFile(plan, 'uptime-kuma'), 'out.yaml', {});
  });
});
