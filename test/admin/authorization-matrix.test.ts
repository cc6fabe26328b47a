import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { AdminRoute } from '../../src/http/admin/admin-route.ts';
import {
  PASSWORD,
  startAdminHarness,
  type AdminHarness,
  type ApiResponse,
  type Credential,
} from '../support/admin-harness.ts';
import { exampleBody, PEOPLE_ONLY, ROUTE_EXAMPLES, routeKey, routeTable, withExampleQuery } from './route-examples.ts';

/**
 * Every route of the admin route table × every kind of caller. The policy is written out here on its own (not
 * imported from src/domain/access.ts), so that a change to either shows up as a failure.
 */
type Caller = 'none' | 'viewer' | 'editor' | 'admin' | 'owner' | 'token:read' | 'token:write' | 'token:admin';
const CALLERS: readonly Caller[] = [
  'none',
  'viewer',
  'editor',
  'admin',
  'owner',
  'token:read',
  'token:write',
  'token:admin',
];

/** who holds each access level (tokens belong to an admin, so "own" is out of their reach) */
const POLICY: Record<string, readonly Caller[]> = {
  anyone: CALLERS,
  signed_in: ['viewer', 'editor', 'admin', 'owner', 'token:read', 'token:write', 'token:admin'],
  read: ['viewer', 'editor', 'admin', 'owner', 'token:read', 'token:write', 'token:admin'],
  operate: ['editor', 'admin', 'owner', 'token:write', 'token:admin'],
  configure: ['admin', 'owner', 'token:write', 'token:admin'],
  manage: ['admin', 'owner', 'token:admin'],
  own: ['owner'],
};

type Verdict = 'unauthorized' | 'forbidden' | 'allowed';

function expectedVerdict(r: AdminRoute, caller: Caller): Verdict {
  const holders = POLICY[r.access];
  if (!holders) throw new Error(`${routeKey(r)}: access level "${r.access}" is unknown to this test; add it to POLICY`);
  if (caller === 'none' && r.access !== 'anyone') return 'unauthorized';
  if (caller.startsWith('token:') && PEOPLE_ONLY.has(routeKey(r))) return 'forbidden';
  // a token may revoke only itself unless it has the admin scope (the fixture is another token of the same user)
  if (routeKey(r) === 'DELETE /api/v1/tokens/:id' && caller.startsWith('token:') && caller !== 'token:admin')
    return 'forbidden';
  return holders.includes(caller) ? 'allowed' : 'forbidden';
}

const describeCall = (r: AdminRoute, caller: Caller, res: ApiResponse) =>
  `${routeKey(r)} as ${caller} → ${res.status} ${res.body.slice(0, 300)}`;

describe('admin API authorization matrix (generated from the route table)', () => {
  let h: AdminHarness;
  const routes = routeTable();
  before(async () => {
    h = await startAdminHarness();
  });
  after(() => h?.close());

  const credentialOf = (caller: Caller): Credential | null => {
    if (caller === 'none') return null;
    if (caller.startsWith('token:')) return h.tokens[caller.slice(6) as 'read' | 'write' | 'admin'];
    return h.sessions[caller as 'viewer'];
  };

  test('the table is what the app serves, and every access level and body is known to these tests', () => {
    assert.ok(routes.length > 40, `${routes.length} routes`);
    const missing: string[] = [];
    for (const r of routes) {
      assert.ok(POLICY[r.access], `${routeKey(r)}: access "${r.access}" unknown to the matrix`);
      assert.ok(h.app.hasRoute({ method: r.method, url: r.path }), `${routeKey(r)} is not registered`);
      if (r.body && !ROUTE_EXAMPLES[routeKey(r)]?.body) missing.push(routeKey(r));
    }
    assert.deepEqual(missing, [], 'routes with a body but no example in test/admin/route-examples.ts');
    const known = new Set(routes.map(routeKey));
    assert.deepEqual(
      Object.keys(ROUTE_EXAMPLES).filter((k) => !known.has(k)),
      [],
      'examples for routes that no longer exist',
    );
  });

  for (const r of routes) {
    test(`${routeKey(r)} (${r.access})`, async () => {
      for (const caller of CALLERS) {
        const verdict = expectedVerdict(r, caller);
        let cred = credentialOf(caller);
        // these end the session or change the person: each call gets a person of its own
        if (cred?.kind === 'session' && (PEOPLE_ONLY.has(routeKey(r)) || routeKey(r) === 'POST /api/v1/auth/logout'))
          cred = await h.personSession(cred.role);
        const url = withExampleQuery(r, await h.fillPath(r.path, { owner: cred ?? undefined }));
        const res = await h.call(cred, r.method, url, { body: exampleBody(r, { h, password: PASSWORD }) });
        const what = describeCall(r, caller, res);
        assert.ok(res.status < 500, what);
        if (verdict === 'unauthorized') {
          assert.equal(res.status, 401, what);
          assert.equal(res.json().error, 'unauthorized', what);
        } else if (verdict === 'forbidden') {
          assert.equal(res.status, 403, what);
          assert.equal(res.json().error, 'forbidden', what);
        } else {
          const wanted = ROUTE_EXAMPLES[routeKey(r)]?.allowedStatus;
          if (wanted !== undefined) assert.equal(res.status, wanted, what);
          else assert.ok(res.status >= 200 && res.status < 300, what);
        }
      }
    });
  }

  test('cookie-authenticated writes need the X-CSRF-Token header: missing or wrong → 403 csrf', async () => {
    const owner = h.sessions.owner;
    let checked = 0;
    for (const r of routes) {
      if (r.method === 'GET' || r.csrfExempt) continue;
      const url = await h.fillPath(r.path, { missing: true });
      const body = exampleBody(r, { h, password: PASSWORD });
      for (const csrf of [false, 'wrong-csrf-token-0123456789', `${(owner as { csrf: string }).csrf}x`] as const) {
        const res = await h.call(owner, r.method, url, { body, csrf });
        assert.equal(res.status, 403, `${routeKey(r)} csrf=${String(csrf)} → ${res.status} ${res.body}`);
        assert.equal(res.json().error, 'csrf');
        checked++;
      }
    }
    assert.ok(checked > 60);
    // the same write with the header goes through; with a bearer token no header is needed
    const ok = await h.call(owner, 'POST', '/api/v1/incidents', { body: { name: 'With CSRF' } });
    assert.equal(ok.status, 201, ok.body);
    const token = await h.call(h.tokens.write, 'POST', '/api/v1/incidents', { body: { name: 'Bearer, no CSRF' } });
    assert.equal(token.status, 201, token.body);
  });

  test('a CSRF token of another session does not count', async () => {
    const res = await h.call(h.sessions.owner, 'POST', '/api/v1/incidents', {
      body: { name: 'x' },
      csrf: (h.sessions.admin as { csrf: string }).csrf,
    });
    assert.equal(res.status, 403);
    assert.equal(res.json().error, 'csrf');
  });

  test('expired, revoked, malformed and unknown tokens → 401', async () => {
    const expired = await h.newToken(h.users.admin.id, ['admin'], 1);
    await sleep(5);
    const revoked = await h.newToken(h.users.admin.id, ['admin']);
    assert.equal((await h.call(revoked, 'GET', '/api/v1/monitors')).status, 200);
    const del = await h.call(h.sessions.admin, 'DELETE', `/api/v1/tokens/${revoked.id}`);
    assert.equal(del.status, 204, del.body);
    for (const [what, cred] of [
      ['expired', expired],
      ['revoked', revoked],
    ] as const) {
      const res = await h.call(cred, 'GET', '/api/v1/monitors');
      assert.equal(res.status, 401, `${what}: ${res.body}`);
      assert.equal(res.json().error, 'unauthorized');
    }
    for (const header of [
      'Bearer pht_000000000000000000000000000000',
      'Bearer short',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer ' + 'a'.repeat(300),
      'pht_abc',
    ]) {
      const res = await h.call(null, 'GET', '/api/v1/monitors', { headers: { authorization: header } });
      assert.equal(res.status, 401, `${header.slice(0, 30)} → ${res.body}`);
    }
  });

  test('a session after logout → 401; a made-up cookie → 401', async () => {
    const session = await h.login(h.users.editor.email);
    assert.equal((await h.call(session, 'GET', '/api/v1/auth/me')).status, 200);
    const out = await h.call(session, 'POST', '/api/v1/auth/logout');
    assert.equal(out.status, 204, out.body);
    assert.match(String(out.headers['set-cookie']), /pharos_session=;/);
    const res = await h.call(session, 'GET', '/api/v1/auth/me');
    assert.equal(res.status, 401);
    assert.equal(res.json().error, 'unauthorized');
    assert.equal((await h.call({ ...session, cookie: 'phs_madeup' }, 'GET', '/api/v1/monitors')).status, 401);
  });

  test("after a password change the person's other sessions → 401; the current one still works", async () => {
    const person = await h.newUser('editor');
    const current = await h.login(person.email);
    const other = await h.login(person.email);
    const res = await h.call(current, 'POST', '/api/v1/auth/password', {
      body: { current: PASSWORD, next: 'Brand-New-Passw0rd-Tide' },
    });
    assert.equal(res.status, 204, res.body);
    assert.equal((await h.call(other, 'GET', '/api/v1/auth/me')).status, 401);
    assert.equal((await h.call(current, 'GET', '/api/v1/auth/me')).status, 200);
    assert.equal(
      (await h.call(current, 'POST', '/api/v1/incidents', { body: { name: 'still signed in' } })).status,
      201,
    );
    const wrong = await h.call(current, 'POST', '/api/v1/auth/password', {
      body: { current: 'not-the-password', next: 'Another-Passw0rd-Tide' },
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json<{ issues: { path: string }[] }>().issues[0]!.path, 'body.current');
  });

  test('an admin cannot create, change or delete an owner (403); nobody deletes or demotes the last owner (409)', async () => {
    const admin = h.sessions.admin;
    const owner = h.sessions.owner;
    // owners made by other tests go first (by the owner: an owner manages owners), so that one is left
    for (const u of await h.store.admin.listUsers()) {
      if (u.role !== 'owner' || u.id === h.users.owner.id) continue;
      const res = await h.call(owner, 'DELETE', `/api/v1/users/${u.id}`);
      assert.equal(res.status, 204, res.body);
    }
    const create = await h.call(admin, 'POST', '/api/v1/users', {
      body: { email: `${h.uniq('o')}@example.com`, role: 'owner' },
    });
    assert.equal(create.status, 403, create.body);
    for (const body of [{ name: 'Demoted' }, { role: 'viewer' }, { password: 'Taken-Over-Passw0rd' }]) {
      const res = await h.call(admin, 'PATCH', `/api/v1/users/${h.users.owner.id}`, { body });
      assert.equal(res.status, 403, `${JSON.stringify(body)} → ${res.body}`);
    }
    const promote = await h.call(admin, 'PATCH', `/api/v1/users/${h.users.viewer.id}`, { body: { role: 'owner' } });
    assert.equal(promote.status, 403, promote.body);
    assert.equal((await h.call(admin, 'DELETE', `/api/v1/users/${h.users.owner.id}`)).status, 403);
    assert.equal((await h.call(h.tokens.admin, 'DELETE', `/api/v1/users/${h.users.owner.id}`)).status, 403);

    const last = await h.call(owner, 'DELETE', `/api/v1/users/${h.users.owner.id}`);
    assert.equal(last.status, 409, last.body);
    assert.equal(last.json().error, 'conflict');
    const demote = await h.call(owner, 'PATCH', `/api/v1/users/${h.users.owner.id}`, { body: { role: 'admin' } });
    assert.equal(demote.status, 409, demote.body);
    // with a second owner, the first may go: an owner manages owners
    const second = await h.call(owner, 'POST', '/api/v1/users', {
      body: { email: `${h.uniq('o')}@example.com`, role: 'owner' },
    });
    assert.equal(second.status, 201, second.body);
    const removed = await h.call(owner, 'DELETE', `/api/v1/users/${second.json().id}`);
    assert.equal(removed.status, 204, removed.body);
    assert.equal((await h.store.admin.listUsers()).filter((u) => u.role === 'owner').length, 1);
  });

  test('sign-in lockout: repeated wrong passwords → 429 with Retry-After and a clear message; then even the right password waits at that address', async () => {
    const person = await h.newUser('viewer');
    const ip = '198.51.100.7';
    const statuses: number[] = [];
    let locked: ApiResponse | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await h.call(null, 'POST', '/api/v1/auth/login', {
        body: { email: person.email, password: `wrong-${i}` },
        remoteAddress: ip,
      });
      statuses.push(res.status);
      locked = res;
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
    assert.equal(locked!.json().error, 'locked');
    assert.match(String(locked!.json().message), /Too many failed sign-ins\. Try again in 15 minutes\./);
    const retry = Number(locked!.headers['retry-after']);
    assert.ok(retry > 800 && retry <= 900, `Retry-After ${retry}`);
    const right = await h.call(null, 'POST', '/api/v1/auth/login', {
      body: { email: person.email, password: PASSWORD },
      remoteAddress: ip,
    });
    assert.equal(right.status, 429, right.body);
    assert.equal(right.json().error, 'locked');
    // the lock is that address's, not the account's (test/admin/sign-in-hardening.test.ts has the account-wide one)
    assert.equal(
      (
        await h.call(null, 'POST', '/api/v1/auth/login', {
          body: { email: person.email, password: PASSWORD },
          remoteAddress: '198.51.100.8',
        })
      ).status,
      200,
    );
    // an admin clears it
    const unlock = await h.call(h.sessions.admin, 'PATCH', `/api/v1/users/${person.id}`, { body: { unlock: true } });
    assert.equal(unlock.status, 200, unlock.body);
    assert.equal(
      (
        await h.call(null, 'POST', '/api/v1/auth/login', {
          body: { email: person.email, password: PASSWORD },
          remoteAddress: ip,
        })
      ).status,
      200,
    );
  });

  test('per-IP sign-in throttle: many different emails from one address → 429 with Retry-After', async () => {
    const ip = '203.0.113.50';
    const statuses: number[] = [];
    let last: ApiResponse | undefined;
    for (let i = 0; i < 11; i++) {
      last = await h.call(null, 'POST', '/api/v1/auth/login', {
        body: { email: `nobody-${i}@example.com`, password: 'whatever-it-is' },
        remoteAddress: ip,
      });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    assert.equal(last!.json().error, 'rate_limited');
    assert.match(String(last!.json().message), /Too many sign-in attempts from this address/);
    assert.ok(Number(last!.headers['retry-after']) > 0);
    // a real person's right password from that address waits too; from elsewhere it works
    assert.equal(
      (
        await h.call(null, 'POST', '/api/v1/auth/login', {
          body: { email: h.users.viewer.email, password: PASSWORD },
          remoteAddress: ip,
        })
      ).status,
      429,
    );
    assert.equal(
      (
        await h.call(null, 'POST', '/api/v1/auth/login', {
          body: { email: h.users.viewer.email, password: PASSWORD },
          remoteAddress: '203.0.113.51',
        })
      ).status,
      200,
    );
  });
});
