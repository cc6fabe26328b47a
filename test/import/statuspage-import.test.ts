import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { defaultEgressPolicy } from '../../src/egress/egress-policy.ts';
import { checkPlan } from '../../src/import/check-plan.ts';
import { egressFetchJson } from '../../src/import/fetch-json.ts';
import type { ImportPlan } from '../../src/import/import-plan.ts';
import { formatReport } from '../../src/import/import-report.ts';
import { renderConfigFile } from '../../src/import/render-config-file.ts';
import { mapStatuspage } from '../../src/import/statuspage/map-statuspage.ts';
import {
  fromPublicDocuments,
  readStatuspageManagement,
  readStatuspagePublic,
} from '../../src/import/statuspage/read-statuspage.ts';
import { startJsonApi } from './json-api-server.ts';

const FIXTURES = new URL('../fixtures/import/statuspage/', import.meta.url).pathname;
const json = async (name: string) =>
  JSON.parse(await readFile(`${FIXTURES}${name}`, 'utf8')) as Record<string, unknown>;

function lineOf(plan: ImportPlan, kind: string, source: string) {
  const found = plan.report.lines.find((l) => l.kind === kind && l.source === source);
  assert.ok(found, `no report line for ${kind} ${source}:\n${formatReport(plan.report)}`);
  return found;
}

/** The management API's answers for one page, shaped as its v1 reference shows them. */
export async function managementApiAnswers(): Promise<(path: string, query: URLSearchParams) => unknown> {
  const summary = await json('summary.json');
  const incidents = (await json('incidents.json')).incidents as Record<string, unknown>[];
  const components = (summary.components as Record<string, unknown>[]).filter((c) => !c.group);
  const groups = [
    {
      id: 'kv2kmtltdvq1',
      page_id: 'kctbh9vrtdwd',
      name: 'Platform',
      description: 'Core platform',
      components: ['8l4ygp009s5s', 'brv1bkgrwx7q'],
      position: 1,
      created_at: '2019-11-13T17:59:58.044Z',
      updated_at: '2026-12-05T16:42:11.112Z',
    },
  ];
  const all = [
    ...incidents.map((i) =>
      i.id === 'mz1l8dn4ctyq' ? { ...i, postmortem_body: 'A configuration push removed a route.' } : i,
    ),
    ...(summary.scheduled_maintenances as unknown[]),
  ];
  const subscriber = (id: string, mode: string, extra: Record<string, unknown>) => ({
    id,
    mode,
    email: null,
    endpoint: null,
    phone_number: null,
    phone_country: null,
    display_phone_number: null,
    obfuscated_channel_name: null,
    workspace_name: null,
    skip_confirmation_notification: false,
    quarantined_at: null,
    purge_at: null,
    components: [],
    page_access_user_id: null,
    created_at: '2025-03-01T12:00:00.000Z',
    ...extra,
  });
  const subscribers: Record<string, unknown[]> = {
    active: [
      subscriber('sub1', 'email', { email: 'ana@example.org', components: ['brv1bkgrwx7q'] }),
      subscriber('sub2', 'webhook', { endpoint: 'https://hooks.example.org/status', email: 'ops@example.org' }),
      subscriber('sub3', 'sms', {
        phone_number: '5555550100',
        phone_country: 'US',
        display_phone_number: '+1 555-555-0100',
      }),
    ],
    unconfirmed: [subscriber('sub4', 'email', { email: 'ben@example.org', created_at: '2026-11-30T08:00:00.000Z' })],
    quarantined: [
      subscriber('sub5', 'email', { email: 'gone@example.org', quarantined_at: '2026-10-01T00:00:00.000Z' }),
    ],
  };
  const page = (list: unknown[], q: URLSearchParams) => {
    const n = Number(q.get('page') ?? 1);
    const per = Number(q.get('per_page') ?? 100);
    return list.slice((n - 1) * per, n * per);
  };
  return (path, q) => {
    const base = '/v1/pages/kctbh9vrtdwd';
    if (path === base) return { id: 'kctbh9vrtdwd', name: 'Example Cloud', subdomain: 'example', time_zone: 'Etc/UTC' };
    if (path === `${base}/components`) return page(components, q);
    if (path === `${base}/component-groups`) return page(groups, q);
    if (path === `${base}/incidents`) return page(all, q);
    if (path === `${base}/subscribers`) return page(subscribers[q.get('state') ?? 'active'] ?? [], q);
    return undefined;
  };
}

describe('import from Statuspage', () => {
  test('saved summary.json and incidents.json: components in groups, incidents with updates, maintenance', async () => {
    const plan = mapStatuspage(fromPublicDocuments([await json('summary.json'), await json('incidents.json')]));
    checkPlan(plan, {});
    assert.equal(plan.title, 'Example Cloud');
    assert.deepEqual(
      plan.groups.map((g) => g.value),
      [{ id: 'platform', name: 'Platform', description: 'Core platform' }],
    );
    assert.deepEqual(
      plan.components.map((c) => [c.value.id, c.value.group ?? null]),
      [
        ['api', 'Platform'],
        ['webhooks', 'Platform'],
        ['dashboard', null],
      ],
    );
    assert.match(
      lineOf(plan, 'component', 'Webhooks').notes.join(),
      /current status \(degraded_performance\) is not carried/,
    );
    const [older, newer] = plan.incidents.map((i) => i.value);
    assert.equal(older!.name, 'API errors in eu-west');
    assert.equal(older!.impact, 'major');
    assert.deepEqual(
      older!.updates.map((u) => [u.status, u.components]),
      [
        ['investigating', [{ id: 'api', status: 'partial_outage' }]],
        ['monitoring', [{ id: 'api', status: 'partial_outage' }]],
        ['resolved', [{ id: 'api', status: 'operational' }]],
      ],
    );
    assert.equal(older!.postmortem, 'A configuration push removed a route; we added a check that refuses such a push.');
    assert.deepEqual(
      newer!.updates.map((u) => u.status),
      ['investigating', 'identified'],
    );
    assert.equal(newer!.updates[0]!.at, Date.parse('2026-12-05T15:58:02.203Z'));
    assert.deepEqual(
      plan.maintenances.map((m) => m.value),
      [
        {
          id: 'database-failover-test',
          title: 'Database failover test',
          body: 'We will test failover of the primary database. The API may answer slowly for a few minutes.',
          start: '2026-12-12T06:00:00.000Z',
          end: '2026-12-12T07:00:00.000Z',
          components: ['api'],
        },
      ],
    );
    assert.equal(lineOf(plan, 'subscribers', 'all').outcome, 'left out');
    const config = parseConfigText(renderConfigFile(plan, 'statuspage'), 'out.yaml', {});
    assert.equal(config.components.length, 3);
    assert.equal(lineOf(plan, 'incident', 'API errors in eu-west').outcome, 'left out');
  });

  test("a page's URL is read through the egress policy: summary, incidents and scheduled maintenances", async () => {
    const summary = await json('summary.json');
    const incidents = await json('incidents.json');
    const api = await startJsonApi(({ path }) => {
      if (path === '/api/v2/summary.json') return summary;
      if (path === '/api/v2/incidents.json') return incidents;
      if (path === '/api/v2/scheduled-maintenances.json')
        return { page: summary.page, scheduled_maintenances: summary.scheduled_maintenances };
      return undefined;
    });
    const { fetchJson, close } = egressFetchJson(defaultEgressPolicy());
    try {
      const data = await readStatuspagePublic(`${api.url}/`, fetchJson);
      assert.deepEqual(
        api.requests.map((r) => r.path),
        ['/api/v2/summary.json', '/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json'],
      );
      assert.equal(data.incidents.length, 2);
      assert.equal(data.maintenances.length, 1);
    } finally {
      await close();
      await api.close();
    }
  });

  describe('the management API with a key', () => {
    let api: Awaited<ReturnType<typeof startJsonApi>>;
    let plan: ImportPlan;
    before(async () => {
      const answers = await managementApiAnswers();
      api = await startJsonApi(({ path, query, headers }) =>
        headers.authorization === 'OAuth key-123' ? answers(path, query) : undefined,
      );
      const { fetchJson, close } = egressFetchJson(defaultEgressPolicy());
      try {
        plan = mapStatuspage(await readStatuspageManagement(`${api.url}/v1`, 'kctbh9vrtdwd', 'key-123', fetchJson));
      } finally {
        await close();
      }
      checkPlan(plan, {});
    });
    after(() => api.close());

    test('subscribers keep their consent state; sms and quarantined ones are left out with why', () => {
      assert.deepEqual(
        plan.subscribers.map((s) => [s.value.kind, s.value.target, s.value.confirmedAt !== null, s.value.componentIds]),
        [
          ['email', 'ana@example.org', true, ['webhooks']],
          ['webhook', 'https://hooks.example.org/status', true, []],
          ['email', 'ben@example.org', false, []],
        ],
      );
      assert.match(lineOf(plan, 'subscriber', 'sms subscriber sub3').notes.join(), /sms subscriptions are not offered/);
      assert.match(lineOf(plan, 'subscriber', 'email subscriber sub5').notes.join(), /quarantined/);
      assert.ok(!formatReport(plan.report).includes('ana@example.org'));
    });

    test('groups, incidents with their postmortem, and maintenances come from the export', () => {
      assert.deepEqual(
        plan.groups.map((g) => g.value.name),
        ['Platform'],
      );
      assert.equal(plan.incidents.length, 2);
      assert.equal(plan.incidents[0]!.value.postmortem, 'A configuration push removed a route.');
      assert.equal(plan.maintenances.length, 1);
      assert.ok(api.requests.some((r) => r.path.endsWith('/subscribers') && r.query.get('state') === 'unconfirmed'));
    });

    test('a wrong key is an error naming the status, never a partial import', async () => {
      const { fetchJson, close } = egressFetchJson(defaultEgressPolicy());
      try {
        await assert.rejects(
          readStatuspageManagement(`${api.url}/v1`, 'kctbh9vrtdwd', 'wrong', fetchJson),
          /answered 404/,
        );
      } finally {
        await close();
      }
    });
  });
});
