import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createCatalogItem } from '../../src/admin/catalog/catalog-service.ts';
import { channelSpec } from '../../src/admin/catalog/channel-spec.ts';
import { channelSchema } from '../../src/notify/channel-schema.ts';
import type { ServiceContext } from '../../src/admin/service-context.ts';
import { InProcessBus } from '../../src/bus/in-process-bus.ts';
import { OFFLINE_RUNTIME } from '../../src/cli/user-command.ts';
import { defaultEgressPolicy } from '../../src/egress/egress-policy.ts';
import { checkPlan } from '../../src/import/check-plan.ts';
import type { ImportPlan } from '../../src/import/import-plan.ts';
import { formatReport } from '../../src/import/import-report.ts';
import { mapStatuspage } from '../../src/import/statuspage/map-statuspage.ts';
import { fromPublicDocuments } from '../../src/import/statuspage/read-statuspage.ts';
import { mapKuma } from '../../src/import/uptime-kuma/map-kuma.ts';
import { readKumaDatabase } from '../../src/import/uptime-kuma/read-kuma-database.ts';
import { writePlanToStore } from '../../src/import/write-plan-to-store.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { buildKumaDatabase } from './kuma-fixture.ts';

const STATUSPAGE = new URL('../fixtures/import/statuspage/', import.meta.url).pathname;

async function kumaPlan(file: string): Promise<ImportPlan> {
  const { data, close } = readKumaDatabase(file);
  try {
    const plan = mapKuma(data, { withHistory: true });
    checkPlan(plan, {});
    return plan;
  } finally {
    close();
  }
}

async function statuspagePlan(): Promise<ImportPlan> {
  const docs = await Promise.all(
    ['summary.json', 'incidents.json'].map(
      async (f) => JSON.parse(await readFile(join(STATUSPAGE, f), 'utf8')) as unknown,
    ),
  );
  const plan = mapStatuspage(fromPublicDocuments(docs));
  checkPlan(plan, {});
  return plan;
}

const contextFor = (store: Store): ServiceContext => ({
  actor: { ...CLI_ACTOR, label: 'cli import-from test' },
  store,
  bus: new InProcessBus(),
  runtime: OFFLINE_RUNTIME,
  egress: defaultEgressPolicy(),
  now: Date.now,
});

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`--into-store on ${dialect}`, () => {
    let dir: string;
    let store: Store;
    let pg: TestDatabase | undefined;
    let kumaDb: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pharos-import-store-'));
      kumaDb = await buildKumaDatabase(dir);
      pg = dialect === 'postgres' ? await testDatabaseUrl() : undefined;
      store = await openStore(pg ? pg.url : `sqlite:${join(dir, 'p.db')}`);
      await store.migrate();
    });
    after(async () => {
      await store.close();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    test('an Uptime Kuma import writes monitors, components, groups, pages, maintenances, channels and history', async () => {
      const plan = await kumaPlan(kumaDb);
      await writePlanToStore(contextFor(store), plan, {});
      const ids = async (kind: Parameters<Store['admin']['listCatalog']>[0]) =>
        (await store.admin.listCatalog(kind)).map((o) => o.id).sort();
      assert.deepEqual(await ids('monitor'), [
        'api-health',
        'backup-job',
        'dns',
        'items-present',
        'json-status',
        'old-site',
        'postgres-port',
        'website',
      ]);
      assert.deepEqual(await ids('component'), ['api-health', 'dns', 'json-status', 'postgres-port', 'website']);
      assert.equal((await ids('group')).length, 2);
      assert.deepEqual(await ids('page'), ['status']);
      assert.deepEqual(await ids('maintenance'), [
        'database-upgrade',
        'month-end',
        'nightly-restart',
        'weekly-patching',
      ]);
      assert.deepEqual(await ids('channel'), ['db-bot', 'on-call-mail', 'ops-slack']);
      const hours = await store.listRollups(['website'], 'hour', { from: 0, to: Date.parse('2026-12-01') });
      assert.deepEqual(
        hours.map((h) => [new Date(h.bucketStart).toISOString(), h.checks, h.failures, h.maintenance]),
        [
          ['2026-11-01T10:00:00.000Z', 4, 2, 0],
          ['2026-11-01T11:00:00.000Z', 1, 0, 0],
          ['2026-11-02T01:00:00.000Z', 1, 0, 1],
        ],
      );
      const audit = await store.admin.listAudit({ limit: 100, action: 'monitor.create' });
      assert.equal(audit.length, 8);
      assert.ok(!JSON.stringify(audit).includes('kuma-basic-secret'), 'the audit log keeps no secret');
      assert.ok(
        plan.report.lines
          .filter((l) => l.outcome !== 'left out')
          .every((l) => l.notes.some((n) => /created|written|unchanged/.test(n))),
        formatReport(plan.report),
      );
    });

    test('running the same import again creates nothing twice', async () => {
      const plan = await kumaPlan(kumaDb);
      await writePlanToStore(contextFor(store), plan, {});
      assert.equal((await store.admin.listCatalog('monitor')).length, 8);
      assert.equal((await store.admin.listAudit({ limit: 100, action: 'monitor.create' })).length, 8);
      assert.equal((await store.admin.listAudit({ limit: 100, action: 'monitor.update' })).length, 0);
      const hours = await store.listRollups(['website'], 'hour', { from: 0, to: Date.parse('2026-12-01') });
      assert.equal(hours[0]!.checks, 4);
      const text = formatReport(plan.report);
      assert.doesNotMatch(text, /\bcreated\b/);
      assert.match(text, /already in the store: unchanged/);
    });

    test('a changed source replaces what the earlier import wrote', async () => {
      const plan = await kumaPlan(kumaDb);
      const website = plan.monitors.find((m) => m.value.id === 'website')!;
      website.value.interval = '120s';
      await writePlanToStore(contextFor(store), plan, {});
      const stored = await store.admin.getCatalog('monitor', 'website');
      assert.equal((stored!.config as { interval: number }).interval, 120_000);
      assert.match(website.line.notes.join(), /replaced the one an earlier import wrote/);
    });

    test('Statuspage incidents keep their times and component statuses, once, with no notification queued', async () => {
      await createCatalogItem(
        contextFor(store),
        channelSpec,
        channelSchema.parse({ id: 'everything', type: 'webhook', url: 'https://hooks.example.org/all' }),
      );
      for (let run = 0; run < 2; run++) {
        const plan = await statuspagePlan();
        await writePlanToStore(contextFor(store), plan, {});
      }
      const names = ['API errors in eu-west', 'Delayed webhook deliveries'];
      const incidents = (await store.listIncidents({ limit: 100 })).filter((i) => names.includes(i.name));
      assert.equal(incidents.length, 2);
      const old = incidents.find((i) => i.name === 'API errors in eu-west')!;
      assert.equal(old.status, 'resolved');
      assert.equal(old.createdAt, Date.parse('2026-11-18T08:01:10.600Z'));
      assert.equal(old.resolvedAt, Date.parse('2026-11-18T09:02:31.000Z'));
      assert.deepEqual(
        old.updates.map((u) => u.affectedComponents.map((a) => [a.componentId, a.oldStatus, a.newStatus])),
        [
          [['api', 'operational', 'partial_outage']],
          [['api', 'partial_outage', 'partial_outage']],
          [['api', 'partial_outage', 'operational']],
        ],
      );
      assert.ok(old.postmortem?.body.startsWith('A configuration push'));
      const open = await store.loadOpenIncidents();
      assert.deepEqual(open.map((i) => i.name).sort(), ['Delayed webhook deliveries', 'Slow checkout']);
      const due = await store.outbox.claimDue(Date.now() + 86_400_000, { limit: 100, leaseMs: 1000, claimant: 't' });
      assert.deepEqual(
        due.filter((r) => r.eventType.startsWith('incident.')),
        [],
        'importing past incidents tells no channel',
      );
    });
  });
}

after(() => stopTestPostgres());
