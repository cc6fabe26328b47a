import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageSchema } from '../../config/page-schema.ts';
import { sitePublicSchema, type SitePublicConfig } from '../../config/public-options-schema.ts';
import type { Incident } from '../../domain/incident.ts';
import type { PageMount } from './page-mounts.ts';
import type { PublicData } from './public-data.ts';
import { scopeToMount } from './scope-to-mount.ts';
import type { ModelComponent, ModelMonitor } from './status-model.ts';

const IDS = ['checkout', 'web', 'api', 'search', 'nightly'];
const component = (id: string, k: number): ModelComponent => ({
  id,
  name: id,
  description: null,
  group: null,
  status: id === 'checkout' ? 'major_outage' : 'operational',
  position: k,
  createdAt: 0,
  updatedAt: 0,
  monitorIds: [`${id}-check`],
});
const monitor = (id: string): ModelMonitor => ({
  id: `${id}-check`,
  name: `${id}-check`,
  type: 'tcp',
  status: id === 'checkout' ? 'down' : 'up',
  statusSince: 0,
  lastCheckAt: 0,
  lastLatencyMs: 1,
  lastError: id === 'checkout' ? 'connect ECONNREFUSED 127.0.0.1:9301' : null,
  target: '127.0.0.1:9301',
});
/** as Pharos wrote automatic incidents before it kept errors off them, and with the impact of the old rule */
const legacy: Incident = {
  id: 'inc1',
  name: 'checkout is down',
  status: 'investigating',
  impact: 'critical',
  source: 'auto',
  componentIds: ['checkout'],
  createdAt: 0,
  updatedAt: 0,
  resolvedAt: null,
  updates: [
    {
      id: 'u1',
      incidentId: 'inc1',
      status: 'investigating',
      body: 'checkout is down. Last error: connect ECONNREFUSED 127.0.0.1:9301',
      createdAt: 0,
      affectedComponents: [{ componentId: 'checkout', oldStatus: 'operational', newStatus: 'major_outage' }],
    },
  ],
};
const manual: Incident = {
  ...legacy,
  id: 'inc2',
  source: 'manual',
  impact: 'minor',
  updates: [{ ...legacy.updates[0]!, id: 'u2', incidentId: 'inc2', body: 'We saw "Last error: x" in our logs.' }],
};

const data: PublicData = {
  builtAt: 1,
  components: IDS.map(component),
  monitors: IDS.map(monitor),
  states: [],
  incidents: [legacy, manual],
  maintenances: [],
  history: new Map(),
};

function modelFor(site: Partial<SitePublicConfig> | undefined, page: Record<string, unknown> = {}) {
  const mount: PageMount = {
    key: 'p@',
    slug: 'p',
    basePath: '',
    title: 'P',
    page: pageSchema.parse({ slug: 'p', title: 'P', ...page }),
    componentIds: IDS,
    url: 'http://status.test',
  };
  return scopeToMount(data, mount, { public: site && sitePublicSchema.parse(site) });
}

const rows: [
  name: string,
  site: Partial<SitePublicConfig> | undefined,
  page: Record<string, unknown>,
  expected: { showErrors: boolean; lastError: string | null; body: string; impact: string },
][] = [
  [
    'defaults: errors hidden, one of five down is major',
    undefined,
    {},
    { showErrors: false, lastError: null, body: 'checkout is down.', impact: 'major' },
  ],
  [
    'the site opts in',
    { hide_errors: false },
    {},
    {
      showErrors: true,
      lastError: 'connect ECONNREFUSED 127.0.0.1:9301',
      body: 'checkout is down. Last error: connect ECONNREFUSED 127.0.0.1:9301',
      impact: 'major',
    },
  ],
  [
    'the page opts in, the site does not',
    { hide_errors: true },
    { public: { hide_errors: false } },
    {
      showErrors: true,
      lastError: 'connect ECONNREFUSED 127.0.0.1:9301',
      body: 'checkout is down. Last error: connect ECONNREFUSED 127.0.0.1:9301',
      impact: 'major',
    },
  ],
  [
    'the site opts in, the page hides',
    { hide_errors: false },
    { public: { hide_errors: true } },
    { showErrors: false, lastError: null, body: 'checkout is down.', impact: 'major' },
  ],
  [
    "the site's rule: any major outage is critical",
    { severity: { critical_share: 0, major_share: 0.5 } },
    {},
    { showErrors: false, lastError: null, body: 'checkout is down.', impact: 'critical' },
  ],
  [
    "the page's rule over the site's",
    { severity: { critical_share: 0, major_share: 0.5 } },
    { public: { severity: { critical_share: 0.5 } } },
    { showErrors: false, lastError: null, body: 'checkout is down.', impact: 'major' },
  ],
];

for (const [name, site, page, expected] of rows) {
  test(`scopeToMount: ${name}`, () => {
    const model = modelFor(site, page);
    assert.equal(model.page.showErrors ?? false, expected.showErrors);
    assert.equal(model.monitors.find((m) => m.id === 'checkout-check')!.lastError, expected.lastError);
    const auto = model.incidents.find((i) => i.id === 'inc1')!;
    assert.equal(auto.updates[0]!.body, expected.body);
    assert.equal(auto.impact, expected.impact);
    const person = model.incidents.find((i) => i.id === 'inc2')!;
    assert.equal(person, manual, "a person's incident is shown as written, with the impact they gave it");
  });
}

test('scopeToMount: the data it was given is left as it was', () => {
  const before = structuredClone(data);
  modelFor(undefined);
  assert.deepEqual(data, before);
});
