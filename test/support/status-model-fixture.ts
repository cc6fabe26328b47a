import type { Incident } from '../../src/domain/incident.ts';
import type {
  ComponentHistory,
  DayCell,
  LatencyPoint,
  ModelComponent,
  StatusModel,
} from '../../src/http/public/status-model.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A fixed "now" so that renderings are deterministic: 2026-11-25T12:00:00Z */
export const FIXTURE_NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

function component(
  id: string,
  name: string,
  group: string | null,
  status: ModelComponent['status'],
  position: number,
): ModelComponent {
  return {
    id,
    name,
    description: `${name} description`,
    group,
    status,
    position,
    createdAt: FIXTURE_NOW - 200 * DAY,
    updatedAt: FIXTURE_NOW - HOUR,
    monitorIds: [`${id}-check`],
  };
}

function history(seed: number, withLatency: boolean): ComponentHistory {
  const today = Math.floor(FIXTURE_NOW / DAY) * DAY;
  const days: DayCell[] = [];
  for (let i = 89; i >= 0; i--) {
    const start = today - i * DAY;
    const bad = (i + seed) % 23 === 0;
    const degraded = (i + seed) % 17 === 0;
    const checks = i > 80 ? 0 : 2880;
    const failures = bad ? 40 : 0;
    days.push({
      day: new Date(start).toISOString().slice(0, 10),
      start,
      uptime: checks === 0 ? null : (checks - failures) / checks,
      worst: checks === 0 ? 'no_data' : bad ? 'major_outage' : degraded ? 'degraded_performance' : 'operational',
      incidentIds: bad ? ['inc000000001'] : [],
      checks,
      failures,
    });
  }
  const series = (count: number, step: number): LatencyPoint[] =>
    Array.from({ length: count }, (_, k) => ({
      t: FIXTURE_NOW - (count - k) * step,
      avgMs: 80 + ((k * 37 + seed) % 60),
      p95Ms: 150 + ((k * 53 + seed) % 120),
    }));
  return {
    days,
    uptime: { '24h': 1, '7d': 0.9991, '30d': 0.99862, '90d': 0.9971 },
    latency: withLatency ? { '24h': series(24, HOUR), '7d': series(7 * 24, HOUR), '30d': series(30, DAY) } : null,
  };
}

const resolvedIncident: Incident = {
  id: 'inc000000001',
  name: 'Checkout is down',
  status: 'resolved',
  impact: 'critical',
  source: 'auto',
  componentIds: ['checkout'],
  createdAt: FIXTURE_NOW - 3 * DAY,
  updatedAt: FIXTURE_NOW - 3 * DAY + 25 * 60_000,
  resolvedAt: FIXTURE_NOW - 3 * DAY + 25 * 60_000,
  updates: [
    {
      id: 'upd000000001',
      incidentId: 'inc000000001',
      status: 'investigating',
      body: 'Checkout returns **HTTP 503**: `[STATUS] == 200` failed (actual 503).',
      createdAt: FIXTURE_NOW - 3 * DAY,
      affectedComponents: [{ componentId: 'checkout', oldStatus: 'operational', newStatus: 'major_outage' }],
    },
    {
      id: 'upd000000002',
      incidentId: 'inc000000001',
      status: 'resolved',
      body: 'Checkout is operational again after 25m.',
      createdAt: FIXTURE_NOW - 3 * DAY + 25 * 60_000,
      affectedComponents: [{ componentId: 'checkout', oldStatus: 'major_outage', newStatus: 'operational' }],
    },
  ],
};

const openIncident: Incident = {
  id: 'inc000000002',
  name: 'Elevated API latency',
  status: 'identified',
  impact: 'minor',
  source: 'manual',
  componentIds: ['api'],
  createdAt: FIXTURE_NOW - 2 * HOUR,
  updatedAt: FIXTURE_NOW - HOUR,
  resolvedAt: null,
  updates: [
    {
      id: 'upd000000003',
      incidentId: 'inc000000002',
      status: 'investigating',
      body: 'We are looking into slow responses from the API.',
      createdAt: FIXTURE_NOW - 2 * HOUR,
      affectedComponents: [{ componentId: 'api', oldStatus: 'operational', newStatus: 'degraded_performance' }],
    },
    {
      id: 'upd000000004',
      incidentId: 'inc000000002',
      status: 'identified',
      body: 'A database index is missing; a fix is [being deployed](https://example.com/deploys/42).\n\n- step one\n- step two',
      createdAt: FIXTURE_NOW - HOUR,
      affectedComponents: [
        { componentId: 'api', oldStatus: 'degraded_performance', newStatus: 'degraded_performance' },
      ],
    },
  ],
};

/** A realistic page: two groups and an ungrouped component, an open and a resolved incident, maintenance in progress and upcoming. */
export function statusModelFixture(overrides: Partial<StatusModel> = {}): StatusModel {
  const components = [
    component('website', 'Website', 'Frontend', 'operational', 0),
    component('api', 'Public API', 'Backend', 'degraded_performance', 1),
    component('checkout', 'Checkout', 'Backend', 'operational', 2),
    component('db', 'Database', 'Backend', 'under_maintenance', 3),
    component('batch', 'Nightly batch', null, 'operational', 4),
  ];
  return {
    page: {
      id: 'page00000001',
      slug: '',
      name: 'Acme Status',
      url: 'http://status.acme.test',
      basePath: '',
      description: 'Live status of Acme services',
      logo: null,
      favicon: null,
      colors: {
        brand: '#0969da',
        operational: '#1a7f37',
        degraded: '#9a6700',
        partial: '#bc4c00',
        major: '#cf222e',
        maintenance: '#0969da',
      },
      customCss: null,
      footer: [{ label: 'Acme', url: 'https://acme.test' }],
    },
    updatedAt: FIXTURE_NOW - HOUR,
    components,
    incidents: [openIncident, resolvedIncident],
    maintenances: [
      {
        id: 'db-upgrade',
        title: 'Database upgrade',
        body: 'Writes may be **slow**.',
        start: FIXTURE_NOW - HOUR,
        end: FIXTURE_NOW + HOUR,
        componentIds: ['db'],
      },
      {
        id: 'net-work',
        title: 'Network maintenance',
        body: 'Short interruptions possible.',
        start: FIXTURE_NOW + 2 * DAY,
        end: FIXTURE_NOW + 2 * DAY + 2 * HOUR,
        componentIds: ['website', 'api'],
      },
    ],
    monitors: components.map((c) => ({
      id: `${c.id}-check`,
      name: `${c.name} check`,
      type: c.id === 'batch' ? 'push' : 'http',
      status: 'up',
      statusSince: FIXTURE_NOW - DAY,
      lastCheckAt: FIXTURE_NOW - 5000,
      lastLatencyMs: 120,
      lastError: null,
      target: null,
    })),
    history: new Map(components.map((c, i) => [c.id, history(i * 5, c.id !== 'batch')])),
    builtAt: FIXTURE_NOW,
    ...overrides,
  };
}
