import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor } from '../support/wait-for.ts';

interface Summary {
  status: { indicator: string; description: string };
  components: { id: string; status: string; group: boolean; group_id: string | null; components?: string[] }[];
  incidents: {
    id: string;
    name: string;
    status: string;
    impact: string;
    incident_updates: { status: string; body: string; affected_components: { code: string; new_status: string }[] }[];
  }[];
  scheduled_maintenances: unknown[];
  page: { id: string; name: string; url: string; time_zone: string; updated_at: string };
}

const configText = (target: string, storageUrl: string) => `
title: E2E Status
storage: { url: "${storageUrl}", batch_interval: 20ms }
components:
  - { id: api, name: Public API, group: Backend, monitors: [api-health] }
  - { id: jobs, name: Jobs, monitors: [jobs-push] }
monitors:
  - id: api-health
    type: http
    url: ${target}/health
    interval: 1s
    timeout: 500ms
    conditions: ["[STATUS] == 200", "[BODY].status == ok"]
    failure_threshold: 2
    success_threshold: 1
  - id: jobs-push
    type: push
    token: e2e-push-token-0123456789
    interval: 1h
    failure_threshold: 1
`;

for (const kind of ['sqlite', 'postgres'] as const)
  describe(`monitoring end to end (${kind}, in-process bus)`, () => {
    let dir: string;
    let storageUrl: string;
    let pgDatabase: TestDatabase | undefined;
    let target: SwitchableTarget;
    let pharos: RunningPharos;
    const summary = async (): Promise<Summary> =>
      (await fetch(`${pharos.url}/api/v2/summary.json`)).json() as Promise<Summary>;
    const start = async () => {
      const config = parseConfigText(configText(target.url, storageUrl), 'e2e.yaml', {});
      pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
    };

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pharos-e2e-'));
      if (kind === 'postgres') pgDatabase = await testDatabaseUrl();
      storageUrl = pgDatabase?.url ?? `sqlite:${join(dir, 'pharos.db')}`;
      target = await startSwitchableTarget();
      await start();
    });
    after(async () => {
      await pharos?.close();
      await target.close();
      await rm(dir, { recursive: true, force: true });
      await pgDatabase?.drop();
      await stopTestPostgres();
    });

    test('a healthy service shows operational in Statuspage shape', async () => {
      await waitFor('api-health to be up', () => pharos.board.stateOf('api-health').status === 'up');
      const s = await waitFor('summary to show the component', async () => {
        const s = await summary();
        const api = s.components.find((c) => c.id === 'api') as { status: string; showcase: boolean } | undefined;
        // showcase: the snapshot has seen its first result (until then it has no data yet)
        return api?.status === 'operational' && api.showcase ? s : undefined;
      });
      assert.equal(s.status.indicator, 'none');
      assert.equal(s.status.description, 'All Systems Operational');
      assert.equal(s.page.name, 'E2E Status');
      assert.equal(s.page.time_zone, 'Etc/UTC');
      const group = s.components.find((c) => c.group)!;
      assert.deepEqual(group.components, ['api']);
      assert.equal(s.components.find((c) => c.id === 'api')!.group_id, (group as { id: string }).id);
      assert.deepEqual(s.incidents, []);
    });

    test('one failed check is not an outage; two open an incident; recovery resolves it', async () => {
      target.healthy = false;
      const s = await waitFor(
        'an incident',
        async () => {
          const s = await summary();
          return s.incidents.length > 0 ? s : undefined;
        },
        8000,
      );
      assert.ok(pharos.board.stateOf('api-health').consecutiveFailures >= 2);
      assert.equal(s.components.find((c) => c.id === 'api')!.status, 'major_outage');
      // one component of two down: a partial system outage and a major incident (Statuspage's rule)
      assert.equal(s.status.indicator, 'major');
      const incident = s.incidents[0]!;
      assert.equal(incident.status, 'investigating');
      assert.equal(incident.impact, 'major');
      assert.equal(incident.incident_updates[0]!.affected_components[0]!.code, 'api');
      // in visitors' words: the raw `"[STATUS] == 200" failed (actual 503)` stays with the operator
      assert.equal(incident.name, 'Public API is returning errors');
      assert.equal(incident.incident_updates[0]!.body, 'Public API is returning errors.');

      target.healthy = true;
      await waitFor('the incident to resolve', async () => (await summary()).incidents.length === 0, 8000);
      const resolved = await pharos.store.getIncident(incident.id);
      assert.equal(resolved?.status, 'resolved');
      assert.ok(resolved?.resolvedAt);
      assert.equal((await summary()).components.find((c) => c.id === 'api')!.status, 'operational');
      const changes = await pharos.store.listStatusChanges('api-health', { from: 0, to: Date.now() + 1000 });
      assert.deepEqual(
        changes.map((c) => c.to),
        ['up', 'down', 'up'],
      );
    });

    test('push: unknown tokens get 404, bad input 400, a down push fails the monitor', async () => {
      assert.equal((await fetch(`${pharos.url}/api/push/no-such-token-at-all`)).status, 404);
      const bad = await fetch(`${pharos.url}/api/push/e2e-push-token-0123456789?status=sideways`);
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { field: string }).field, 'status');
      assert.equal(
        (await fetch(`${pharos.url}/api/push/e2e-push-token-0123456789?status=up&ping=12`, { method: 'POST' })).status,
        200,
      );
      await waitFor('push monitor up', () => pharos.board.stateOf('jobs-push').status === 'up');
      await fetch(`${pharos.url}/api/push/e2e-push-token-0123456789?status=down&msg=disk%20full`);
      await waitFor('push monitor down', () => pharos.board.stateOf('jobs-push').status === 'down');
      assert.match(pharos.board.stateOf('jobs-push').lastError ?? '', /disk full/);
    });

    test('health and readiness', async () => {
      assert.equal((await fetch(`${pharos.url}/healthz`)).status, 200);
      const ready = await fetch(`${pharos.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(((await ready.json()) as { status: string }).status, 'ready');
    });

    test('summary.json is served from memory with an ETag and gzip', async () => {
      const first = await fetch(`${pharos.url}/api/v2/summary.json`);
      const etag = first.headers.get('etag')!;
      assert.ok(etag);
      assert.equal(first.headers.get('access-control-allow-origin'), '*');
      const again = await fetch(`${pharos.url}/api/v2/summary.json`, { headers: { 'if-none-match': etag } });
      assert.ok(again.status === 304 || again.headers.get('etag') !== etag);
    });

    test('a restart resumes monitor state and results from the store', async () => {
      await waitFor(
        'results stored',
        async () =>
          (await pharos.store.listResults('api-health', { from: 0, to: Date.now() + 1, limit: 1 })).length > 0,
      );
      const before = pharos.board.stateOf('jobs-push');
      await pharos.close();
      await start();
      const after = pharos.board.stateOf('jobs-push');
      assert.equal(after.status, 'down');
      assert.equal(after.consecutiveFailures, before.consecutiveFailures);
      const results = await pharos.store.listResults('api-health', { from: 0, to: Date.now() + 1, limit: 1000 });
      assert.ok(results.length >= 3, `${results.length} results`);
      assert.ok(results.some((r) => !r.ok) && results.some((r) => r.ok));
    });
  });
