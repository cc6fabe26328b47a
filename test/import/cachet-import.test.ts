import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultEgressPolicy } from '../../src/egress/egress-policy.ts';
import { checkPlan } from '../../src/import/check-plan.ts';
import { mapCachet } from '../../src/import/cachet/map-cachet.ts';
import { readCachet } from '../../src/import/cachet/read-cachet.ts';
import { egressFetchJson } from '../../src/import/fetch-json.ts';
import type { ImportPlan } from '../../src/import/import-plan.ts';
import { formatReport } from '../../src/import/import-report.ts';
import { startJsonApi, type JsonApiRequest } from './json-api-server.ts';

/** Cachet 2.4's API resources (app/Http/Controllers/Api): { data, meta.pagination } with flat objects. */
function cachet2(base: () => string) {
  const pagination = (total: number, page: number, next: string | null) => ({
    pagination: {
      total,
      count: 1,
      per_page: 1,
      current_page: page,
      total_pages: total,
      links: { next_page: next, previous_page: null },
    },
  });
  return ({ path, query }: JsonApiRequest): unknown => {
    if (path === '/api/v1/ping') return { data: 'Pong!' };
    if (path === '/api/v1/components') {
      const page = Number(query.get('page') ?? 1);
      const all = [
        {
          id: 1,
          name: 'Website',
          description: 'The public site',
          link: 'https://example.com',
          status: 1,
          order: 0,
          group_id: 1,
          enabled: true,
          created_at: '2024-01-10 09:00:00',
          updated_at: '2024-01-10 09:00:00',
          deleted_at: null,
          status_name: 'Operational',
          tags: [],
        },
        {
          id: 2,
          name: 'API',
          description: '',
          link: '',
          status: 3,
          order: 1,
          group_id: 1,
          enabled: true,
          created_at: '2024-01-10 09:00:00',
          updated_at: '2024-05-02 10:00:00',
          deleted_at: null,
          status_name: 'Partial Outage',
          tags: [],
        },
      ];
      return {
        meta: pagination(2, page, page === 1 ? `${base()}/api/v1/components?page=2` : null),
        data: [all[page - 1]],
      };
    }
    if (path === '/api/v1/components/groups')
      return {
        meta: pagination(1, 1, null),
        data: [
          {
            id: 1,
            name: 'Services',
            order: 0,
            collapsed: 0,
            visible: 1,
            created_at: '2024-01-10 09:00:00',
            updated_at: '2024-01-10 09:00:00',
            enabled_components: [],
          },
        ],
      };
    if (path === '/api/v1/incidents')
      return {
        meta: pagination(2, 1, null),
        data: [
          {
            id: 7,
            component_id: 2,
            name: 'API errors',
            status: 4,
            visible: 1,
            message: 'Requests fail with 500.',
            occurred_at: '2024-05-02 10:00:00',
            created_at: '2024-05-02 10:01:00',
            updated_at: '2024-05-02 11:00:00',
            deleted_at: null,
            human_status: 'Fixed',
            stickied: false,
            notifications: true,
          },
          {
            id: 8,
            component_id: 1,
            name: 'Planned upgrade',
            status: 0,
            visible: 1,
            message: 'New version.',
            scheduled_at: '2024-06-01 02:00:00',
            completed_at: null,
            created_at: '2024-05-20 09:00:00',
            updated_at: '2024-05-20 09:00:00',
            human_status: 'Scheduled',
          },
        ],
      };
    if (path === '/api/v1/incidents/7/updates')
      return {
        meta: pagination(2, 1, null),
        data: [
          {
            id: 12,
            incident_id: 7,
            status: 4,
            message: 'Fixed by a rollback.',
            user_id: 1,
            created_at: '2024-05-02 11:00:00',
            updated_at: '2024-05-02 11:00:00',
            human_status: 'Fixed',
          },
          {
            id: 11,
            incident_id: 7,
            status: 2,
            message: 'A bad deploy.',
            user_id: 1,
            created_at: '2024-05-02 10:30:00',
            updated_at: '2024-05-02 10:30:00',
            human_status: 'Identified',
          },
        ],
      };
    if (path === '/api/v1/incidents/8/updates') return { meta: pagination(0, 1, null), data: [] };
    if (path === '/api/v1/schedules')
      return {
        meta: pagination(1, 1, null),
        data: [
          {
            id: 3,
            name: 'Database move',
            message: 'To a bigger host.',
            status: 2,
            scheduled_at: '2024-04-01 01:00:00',
            completed_at: '2024-04-01 03:00:00',
            created_at: '2024-03-20 10:00:00',
            updated_at: '2024-04-01 03:00:00',
            human_status: 'Complete',
            components: [{ id: 5, schedule_id: 3, component_id: 2 }],
          },
        ],
      };
    return undefined;
  };
}

/** Cachet 3.x's JSON:API resources: { id, type, attributes } with enums as { human, value }. */
function cachet3({ path }: JsonApiRequest): unknown {
  if (path === '/api/components')
    return {
      data: [
        {
          id: 1,
          type: 'components',
          attributes: {
            name: 'Checkout',
            description: null,
            link: null,
            status: { human: 'Major Outage', value: 4 },
            order: 1,
            group_id: null,
            enabled: true,
            created: { human: '1 day ago', string: '2025-02-01 10:00:00' },
          },
        },
      ],
      links: { next: null },
      meta: {},
    };
  if (path === '/api/component-groups') return { data: [], links: { next: null } };
  if (path === '/api/incidents')
    return {
      data: [
        {
          id: 4,
          type: 'incidents',
          attributes: {
            guid: 'a9f',
            name: 'Checkout down',
            message: 'Payments fail.',
            status: { human: 'Investigating', value: 1 },
            visible: true,
            stickied: false,
            occurred_at: '2025-02-02T10:00:00Z',
            created_at: '2025-02-02T10:00:00Z',
            updates: [],
          },
        },
      ],
      links: { next: null },
    };
  if (path === '/api/incidents/4/updates') return { data: [], links: { next: null } };
  if (path === '/api/schedules') return { data: [], links: { next: null } };
  return undefined;
}

async function importFrom(
  answer: (req: JsonApiRequest) => unknown,
  token?: string,
): Promise<{ plan: ImportPlan; requests: JsonApiRequest[] }> {
  const api = await startJsonApi(answer);
  const { fetchJson, close } = egressFetchJson(defaultEgressPolicy());
  try {
    const plan = mapCachet(await readCachet(api.url, fetchJson, token));
    checkPlan(plan, {});
    return { plan, requests: api.requests };
  } finally {
    await close();
    await api.close();
  }
}

describe('import from Cachet', () => {
  test('2.x: paged components in groups, incidents with updates, scheduled incidents and schedules as maintenance', async () => {
    let base = '';
    const answer = cachet2(() => base);
    const api = await startJsonApi((req) => answer(req));
    base = api.url;
    const { fetchJson, close } = egressFetchJson(defaultEgressPolicy());
    let plan: ImportPlan;
    try {
      plan = mapCachet(await readCachet(api.url, fetchJson, 'cachet-token'));
      assert.ok(api.requests.every((r) => r.headers['x-cachet-token'] === 'cachet-token'));
    } finally {
      await close();
      await api.close();
    }
    checkPlan(plan, {});
    assert.deepEqual(
      plan.components.map((c) => c.value),
      [
        { id: 'website', name: 'Website', description: 'The public site', group: 'Services', monitors: [] },
        { id: 'api', name: 'API', group: 'Services', monitors: [] },
      ],
    );
    const incident = plan.incidents[0]!.value;
    assert.deepEqual(
      incident.updates.map((u) => [u.status, u.body, new Date(u.at).toISOString(), u.components]),
      [
        [
          'investigating',
          'Requests fail with 500.',
          '2024-05-02T10:00:00.000Z',
          [{ id: 'api', status: 'partial_outage' }],
        ],
        ['identified', 'A bad deploy.', '2024-05-02T10:30:00.000Z', []],
        ['resolved', 'Fixed by a rollback.', '2024-05-02T11:00:00.000Z', []],
      ],
    );
    const text = formatReport(plan.report);
    assert.match(text, /left out +scheduled incident "Planned upgrade": no scheduled start and end/);
    assert.deepEqual(
      plan.maintenances.map((m) => [m.value.id, m.value.start, m.value.end, m.value.components]),
      [['database-move', '2024-04-01T01:00:00.000Z', '2024-04-01T03:00:00.000Z', ['api']]],
    );
    assert.match(text, /its dates are read as UTC/);
  });

  test('3.x: JSON:API resources with enum objects', async () => {
    const { plan, requests } = await importFrom(cachet3);
    assert.ok(requests.some((r) => r.path === '/api/v1/ping'));
    assert.deepEqual(
      plan.components.map((c) => c.value.id),
      ['checkout'],
    );
    assert.match(plan.report.lines.find((l) => l.source === 'Checkout')!.notes.join(), /major_outage/);
    assert.deepEqual(
      plan.incidents[0]!.value.updates.map((u) => u.status),
      ['investigating'],
    );
  });

  test('a next-page link to another host is refused', async () => {
    await assert.rejects(
      importFrom((req) =>
        req.path === '/api/v1/ping'
          ? { data: 'Pong!' }
          : { data: [], meta: { pagination: { links: { next_page: 'http://10.9.9.9/api/v1/components?page=2' } } } },
      ),
      /a next-page link leaves/,
    );
  });

  test('the egress policy refuses a metadata address before any request', async () => {
    const { fetchJson, close } = egressFetchJson(defaultEgressPolicy());
    try {
      await assert.rejects(readCachet('http://169.254.169.254', fetchJson), /refused by the egress policy/);
    } finally {
      await close();
    }
  });
});
