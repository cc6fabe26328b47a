import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CATALOG_KINDS } from '../../src/store/admin-store.ts';
import type { Store } from '../../src/store/store.ts';
import { PASSWORD, startAdminHarness, type AdminHarness, type ApiResponse } from '../support/admin-harness.ts';
import { CATEGORIES, hostileCases, type Category, type HostileCase } from './hostile-cases.ts';
import { exampleBody, ROUTE_EXAMPLES, routeKey, routeTable } from './route-examples.ts';

const CASES_PER_ROUTE = 60;
/** routes that check a password with scrypt (~0.5 s) for every well-formed request get fewer cases */
const PASSWORD_ROUTES = /\/(auth\/login|auth\/password|auth\/totp\/disable|setup)$/;
const CASES_PER_PASSWORD_ROUTE = 30;

/**
 * What a rejected request must leave alone: the audit log, people, tokens, incidents, every catalog kind, manual
 * statuses, subscribers. Times that reads touch (a token's last use) are left out; so are the traces a failed
 * sign-in rightly leaves (its audit entry, the account's failure count) when `signIn` is set.
 */
async function snapshot(store: Store, signIn: boolean): Promise<unknown> {
  const audit = (await store.admin.listAudit({ limit: 500 })).filter(
    (e) => !(signIn && e.action.startsWith('user.login')),
  );
  const users = (await store.admin.listUsers()).map((u) => (signIn ? { ...u, updatedAt: 0, lastLoginAt: null } : u));
  const tokens = (await store.admin.listTokens()).map((t) => ({ ...t, lastUsedAt: null }));
  const catalog: Record<string, unknown> = {};
  for (const kind of CATALOG_KINDS) catalog[kind] = await store.admin.listCatalog(kind);
  return {
    audit: audit.map((e) => e.id),
    users,
    tokens,
    incidents: await store.listIncidents({ limit: 10_000 }),
    catalog,
    overrides: await store.admin.listComponentOverrides(),
    subscribers: await store.admin.listSubscribers(),
  };
}

function checkAnswer(c: HostileCase, res: ApiResponse, what: string): void {
  assert.ok(res.status < 500, `${what}: a server error`);
  if (c.status !== undefined) assert.equal(res.status, c.status, what);
  if (res.status === 204) {
    assert.equal(res.body, '', what);
    return;
  }
  if (res.status < 400) return;
  assert.match(String(res.headers['content-type']), /^application\/json/, `${what}: not JSON`);
  const body = res.json<{ error?: unknown; issues?: { path: string; message: string }[] }>();
  assert.equal(typeof body.error, 'string', `${what}: no error code`);
  if (res.status === 400 && body.error === 'invalid_input') {
    assert.ok(Array.isArray(body.issues) && body.issues.length > 0, `${what}: a 400 without issues`);
    for (const issue of body.issues)
      assert.match(issue.path, /^(params|query|body)(\.|$)/, `${what}: issue path ${issue.path}`);
    if (c.issuePath)
      assert.ok(
        body.issues.some((i) => i.path === c.issuePath || i.path.startsWith(`${c.issuePath}.`)),
        `${what}: no issue at ${c.issuePath}`,
      );
  } else if (c.issuePath && res.status === 400) {
    assert.fail(`${what}: expected invalid_input naming ${c.issuePath}`);
  }
}

describe('admin API: hostile input on every route with params, a query or a body', () => {
  let h: AdminHarness;
  const sent = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
  const statuses = new Map<number, number>();
  const routes = routeTable().filter((r) => r.params || r.query || r.body);
  before(async () => {
    h = await startAdminHarness();
  });
  after(() => h?.close());

  routes.forEach((r, index) => {
    test(routeKey(r), async () => {
      // an owner of its own per route: a hostile body that happens to be valid (a new password …) touches nobody else
      const cred = await h.personSession('owner');
      const url = await h.fillPath(r.path, { owner: cred });
      const missingUrl = await h.fillPath(r.path, { missing: true });
      const example = exampleBody(r, { h, password: PASSWORD }) as Record<string, unknown> | undefined;
      const query = ROUTE_EXAMPLES[routeKey(r)]?.query?.() ?? '';
      const cases = hostileCases({
        route: r,
        url,
        missingUrl,
        example,
        query,
        seed: 0x5eed + index,
        max: PASSWORD_ROUTES.test(r.path) ? CASES_PER_PASSWORD_ROUTE : CASES_PER_ROUTE,
      });
      assert.ok(cases.length >= 20 || !r.body, `only ${cases.length} cases`);
      const signIn = r.path.startsWith('/api/v1/auth/login');
      let state = await snapshot(h.store, signIn);
      for (const c of cases) {
        const what = `${r.method} ${c.url.slice(0, 160)} [${c.category}: ${c.label}]`;
        const res = await h.call(cred, r.method, c.url, { payload: c.payload, contentType: c.contentType });
        sent.set(c.category, sent.get(c.category)! + 1);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        checkAnswer(c, res, `${what} → ${res.status} ${res.body.slice(0, 300)}`);
        assert.equal(
          (Object.prototype as Record<string, unknown>).polluted,
          undefined,
          `${what}: Object.prototype polluted`,
        );
        const next = await snapshot(h.store, signIn);
        if (res.status >= 400)
          assert.deepEqual(next, state, `${what} → ${res.status} was refused but changed the store`);
        state = next;
      }
      const health = await h.call(null, 'GET', '/healthz');
      assert.equal(health.status, 200, 'the server still answers /healthz');
    });
  });

  test('summary: thousands of hostile requests, none answered with a 5xx', (t) => {
    const total = [...sent.values()].reduce((a, b) => a + b, 0);
    const perCategory = [...sent].map(([c, n]) => `${c} ${n}`).join(', ');
    const perStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    t.diagnostic(`hostile requests: ${total} over ${routes.length} routes — ${perCategory}; statuses ${perStatus}`);
    assert.ok(total >= 2000, `${total} requests`);
    for (const c of CATEGORIES) assert.ok(sent.get(c)! > 0, `no ${c} case was sent`);
  });
});
