import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createIncident, postIncidentUpdate, takeOverIncident } from '../../src/admin/incidents.ts';
import type { ServiceContext } from '../../src/admin/service-context.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { Incident } from '../../src/domain/incident.ts';
import { createEgressPolicy } from '../../src/egress/egress-policy.ts';
import { groupId } from '../../src/http/public/statuspage/render-components.ts';
import { stableId } from '../../src/http/public/statuspage/stable-id.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { STATUSPAGE_PATHS } from '../../src/http/public/statuspage/statuspage-paths.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * A public page shows Storefront; a private page shows Storefront and Secret Vault (in a group of its own, with a
 * monitor that fails, so that Pharos opens an incident on it by itself). Incidents and maintenance on both, and on
 * the vault alone: nothing of the vault may reach a public answer.
 */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const configText = (dir: string, soon: number) => `
title: Acme
storage: { url: "sqlite:${join(dir, 'p.db')}", batch_interval: 20ms }
components:
  - { id: storefront, name: Storefront }
  - { id: hidden-vault, name: Secret Vault, group: Backoffice, monitors: [vault-probe] }
monitors:
  - { id: vault-probe, type: tcp, host: 127.0.0.1, port: 1, interval: 1s, timeout: 200ms, failure_threshold: 1 }
pages:
  - { slug: status, title: Acme Status, default: true, components: [storefront] }
  - { slug: everything, title: Acme Everything }
  - { slug: ops, title: Acme Ops, components: [storefront, hidden-vault], access: { ip_allow: ["127.0.0.1/32", "::1"] } }
maintenances:
  - { id: upgrade-both, title: Storage upgrade, body: Planned work., start: "${iso(soon)}", end: "${iso(soon + 3_600_000)}", components: [storefront, hidden-vault] }
  - { id: rekey-only, title: Rekey window, start: "${iso(soon)}", end: "${iso(soon + 3_600_000)}", components: [hidden-vault] }
`;

const JSON_PATHS = STATUSPAGE_PATHS.map((p) => `/api/v2/${p}`);

interface Answer {
  status: number;
  body: string;
}

/** A GET over the real server; a live stream is read up to its first event and closed. */
async function get(url: string): Promise<Answer> {
  const controller = new AbortController();
  const res = await fetch(url, { redirect: 'manual', signal: controller.signal });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const first = await res.body!.getReader().read();
    controller.abort();
    return { status: res.status, body: Buffer.from(first.value ?? []).toString() };
  }
  return { status: res.status, body: await res.text() };
}

describe("a private page's components stay off every public answer (real server)", () => {
  let dir: string;
  let pharos: RunningPharos;
  let ctx: ServiceContext;
  /** incidents and maintenance by what they touch */
  let both: Incident;
  let vaultOnly: Incident;
  let auto: Incident;
  let occurrence: { both: string; vaultOnly: string };

  /** Every public path of a page: JSON, stream, HTML, history, feeds, widget, permalinks, badges. */
  const publicPaths = () => [
    ...JSON_PATHS,
    '/api/v2/stream',
    '/',
    '/history',
    '/history.rss',
    '/history.atom',
    '/widget.js',
    '/widget',
    ...[both, vaultOnly, auto].map((i) => `/incidents/${i.id}`),
    `/maintenance/${occurrence.both}`,
    `/maintenance/${occurrence.vaultOnly}`,
    ...['status', 'uptime', 'response-time'].flatMap((kind) => [
      `/badge/storefront/${kind}.svg`,
      `/badge/hidden-vault/${kind}.svg`,
    ]),
  ];

  /** What must never be in a public answer: the vault's id, name, group, and what touches only it. */
  const forbidden = () => [
    'hidden-vault',
    'Secret Vault',
    'Backoffice',
    groupId('Backoffice'),
    'Rekey',
    vaultOnly.id,
    'rekey-only',
    stableId('maintenance', occurrence.vaultOnly),
    'vault-probe',
  ];

  const refresh = async () => {
    await pharos.writer.flush();
    await pharos.snapshot.rebuild();
  };

  /** Fetches every public path of the public pages and checks that none names the vault. */
  const assertNothingOfTheVault = async (): Promise<Map<string, Answer>> => {
    const answers = new Map<string, Answer>();
    for (const prefix of ['', '/status', '/everything']) {
      for (const path of publicPaths()) {
        const answer = await get(`${pharos.url}${prefix}${path}`);
        answers.set(`${prefix}${path}`, answer);
        assert.ok(answer.status === 200 || answer.status === 404, `${prefix}${path} → ${answer.status}`);
        for (const word of forbidden())
          assert.ok(!answer.body.includes(word), `${prefix}${path} names ${word}:\n${answer.body.slice(0, 3000)}`);
      }
    }
    return answers;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-private-components-'));
    const config = parseConfigText(configText(dir, Date.now() + 86_400_000), 'private-components.yaml', {});
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
    ctx = {
      actor: CLI_ACTOR,
      store: pharos.store,
      bus: pharos.bus,
      runtime: pharos.admin,
      egress: createEgressPolicy(config.egress),
      now: Date.now,
    };
    auto = await waitFor('the automatic incident on the vault', async () =>
      (await pharos.store.loadOpenIncidents()).find((i) => i.source === 'auto'),
    );
    both = await createIncident(ctx, {
      name: 'Checkout errors',
      status: 'investigating',
      impact: 'major',
      body: 'Customers see errors at checkout.',
      components: [
        { id: 'storefront', status: 'partial_outage' },
        { id: 'hidden-vault', status: 'major_outage' },
      ],
    });
    vaultOnly = await createIncident(ctx, {
      name: 'Rekey incident only',
      status: 'identified',
      impact: 'minor',
      body: 'Rotating keys.',
      components: [{ id: 'hidden-vault', status: 'major_outage' }],
    });
    await refresh();
    const ops = pharos.snapshot.pages.get('ops@/ops')!.model;
    const occurrenceOf = (title: string) => ops.maintenances.find((w) => w.title === title)!.id;
    occurrence = { both: occurrenceOf('Storage upgrade'), vaultOnly: occurrenceOf('Rekey window') };
  });
  after(async () => {
    await pharos?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("Pharos's own incident on the vault alone, a person's on the vault alone: on no public answer", async () => {
    assert.equal(auto.name, 'Secret Vault is not responding');
    const answers = await assertNothingOfTheVault();
    const summary = JSON.parse(answers.get('/api/v2/summary.json')!.body);
    assert.deepEqual(
      summary.incidents.map((i: { id: string }) => i.id),
      [both.id],
      'only the incident that touches Storefront',
    );
    for (const path of [`/incidents/${auto.id}`, `/incidents/${vaultOnly.id}`, `/maintenance/${occurrence.vaultOnly}`])
      assert.equal(answers.get(path)!.status, 404, path);
  });

  test('an incident and a maintenance on both show with Storefront only', async () => {
    const answers = await assertNothingOfTheVault();
    for (const prefix of ['', '/status', '/everything']) {
      const incidents = JSON.parse(answers.get(`${prefix}/api/v2/incidents.json`)!.body).incidents as {
        id: string;
        name: string;
        components: { id: string }[];
        incident_updates: { affected_components: { code: string }[] | null }[];
      }[];
      const shown = incidents.find((i) => i.id === both.id)!;
      assert.equal(shown.name, 'Checkout errors', prefix);
      assert.deepEqual(
        shown.components.map((c) => c.id),
        ['storefront'],
      );
      assert.deepEqual(
        shown.incident_updates[0]!.affected_components!.map((a) => a.code),
        ['storefront'],
      );
      const upcoming = JSON.parse(answers.get(`${prefix}/api/v2/scheduled-maintenances/upcoming.json`)!.body)
        .scheduled_maintenances as { name: string; components: { id: string }[] }[];
      assert.deepEqual(
        upcoming.map((m) => [m.name, m.components.map((c) => c.id)]),
        [['Storage upgrade', ['storefront']]],
        prefix,
      );
      const components = JSON.parse(answers.get(`${prefix}/api/v2/components.json`)!.body).components as {
        id: string;
      }[];
      assert.deepEqual(
        components.map((c) => c.id),
        ['storefront'],
        `${prefix}: a page that lists nothing leaves out what only a private page names`,
      );
      assert.match(answers.get(`${prefix}/`)!.body, /Checkout errors/);
      assert.match(answers.get(`${prefix}/`)!.body, /Storage upgrade/);
      assert.equal(answers.get(`${prefix}/incidents/${both.id}`)!.status, 200);
      assert.match(answers.get(`${prefix}/incidents/${both.id}`)!.body, /Storefront/);
      assert.equal(answers.get(`${prefix}/maintenance/${occurrence.both}`)!.status, 200);
      assert.match(answers.get(`${prefix}/history.rss`)!.body, /Checkout errors/);
      assert.match(answers.get(`${prefix}/history.atom`)!.body, /Storage upgrade/);
      assert.equal(answers.get(`${prefix}/badge/storefront/status.svg`)!.status, 200);
    }
    // a private component's badge answers as an unknown one does
    const unknown = await get(`${pharos.url}/badge/no-such-component/status.svg`);
    for (const kind of ['status', 'uptime', 'response-time'])
      assert.deepEqual(answers.get(`/badge/hidden-vault/${kind}.svg`), unknown, kind);
  });

  test("Pharos's incident on the vault, widened by a person to Storefront: its words are rebuilt from Storefront alone", async () => {
    await takeOverIncident(ctx, auto.id);
    await postIncidentUpdate(ctx, auto.id, {
      status: 'identified',
      body: 'Secret Vault is sealed; Storefront sign-ins fail.',
      components: [
        { id: 'storefront', status: 'degraded_performance' },
        { id: 'hidden-vault', status: 'major_outage' },
      ],
    });
    await refresh();
    const answers = await assertNothingOfTheVault();
    const incidents = JSON.parse(answers.get('/api/v2/incidents/unresolved.json')!.body).incidents as {
      id: string;
      name: string;
      incident_updates: { body: string }[];
    }[];
    const widened = incidents.find((i) => i.id === auto.id)!;
    assert.equal(widened.name, 'Incident affecting Storefront');
    assert.deepEqual(
      widened.incident_updates.map((u) => u.body),
      ['Storefront went from a partial outage to degraded performance.'],
    );
    assert.equal(answers.get(`/incidents/${auto.id}`)!.status, 200);
  });

  test('the private page, to whom it lets in, still shows the vault and everything on it', async () => {
    const summary = await get(`${pharos.url}/ops/api/v2/summary.json`);
    assert.equal(summary.status, 200);
    const s = JSON.parse(summary.body) as { components: { id: string }[]; incidents: { id: string; name: string }[] };
    assert.ok(s.components.some((c) => c.id === 'hidden-vault'));
    assert.deepEqual(s.incidents.map((i) => i.name).sort(), [
      'Checkout errors',
      'Rekey incident only',
      'Secret Vault is not responding',
    ]);
    for (const [path, text] of [
      ['/ops/', 'Secret Vault'],
      [`/ops/incidents/${vaultOnly.id}`, 'Rekey incident only'],
      [`/ops/maintenance/${occurrence.vaultOnly}`, 'Rekey window'],
      ['/ops/history.rss', 'Secret Vault is sealed'],
      ['/ops/badge/hidden-vault/status.svg', 'Secret Vault'],
    ] as const) {
      const answer = await get(`${pharos.url}${path}`);
      assert.equal(answer.status, 200, path);
      assert.ok(answer.body.includes(text), `${path} shows ${text}`);
    }
  });
});
