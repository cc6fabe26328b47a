import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCodeAt, totpStepAt } from '../../src/auth/totp.ts';
import { groupIdFor } from '../../src/config/group-schema.ts';
import {
  make,
  maintenanceWindow,
  MISSING_ID,
  PASSWORD,
  startAdminHarness,
  type AdminHarness,
  type ApiResponse,
  type Credential,
} from '../support/admin-harness.ts';
import { stopTestPostgres } from '../support/postgres.ts';
import { waitFor } from '../support/wait-for.ts';
import { routeTable } from './route-examples.ts';

interface PublicComponent {
  id: string;
  status: string;
}
interface PublicIncident {
  name: string;
  status: string;
  impact: string;
  incident_updates: {
    status: string;
    body: string;
    affected_components: { code: string; new_status: string }[] | null;
  }[];
}
interface Incident {
  id: string;
  name: string;
  status: string;
  source: string;
  resolved_at: string | null;
  taken_over_by?: string | null;
  postmortem?: { body: string } | null;
  updates: { id: string; body: string; status: string }[];
}

const ok = (res: ApiResponse, status: number, what = '') =>
  assert.equal(res.status, status, `${what} → ${res.status} ${res.body.slice(0, 400)}`);
const cookieOf = (res: ApiResponse) => String(res.headers['set-cookie']).match(/pharos_session=([^;]+)/)?.[1] ?? '';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`admin API, area by area [${kind}]`, () => {
    let h: AdminHarness;
    /** every secret these tests send: none may reach the audit log */
    const secrets: string[] = [PASSWORD];
    before(async () => {
      h = await startAdminHarness({ store: kind });
      for (const t of Object.values(h.tokens)) secrets.push((t as { secret: string }).secret);
      secrets.push((h.root as { secret: string }).secret);
    });
    after(() => h?.close());

    const publicJson = async <T>(path: string): Promise<T> =>
      (await fetch(`${h.pharos.url}${path}`)).json() as Promise<T>;
    const publicComponent = async (id: string) =>
      (await publicJson<{ components: PublicComponent[] }>('/api/v2/components.json')).components.find(
        (c) => c.id === id,
      )?.status;
    const as = (): Credential => h.sessions.admin;

    test('monitors: create, read, replace, pause, resume, run now, test now, delete', async () => {
      const id = h.uniq('mon');
      const created = await h.call(as(), 'POST', '/api/v1/monitors', {
        body: {
          id,
          type: 'http',
          url: `${h.target.url}/status/200`,
          interval: '1h',
          headers: { Authorization: 'Bearer header-secret-0001' },
        },
      });
      ok(created, 201, 'create');
      secrets.push('header-secret-0001');
      const item = created.json<{
        id: string;
        managed_by: string;
        config: { headers: Record<string, string>; name: string };
      }>();
      assert.equal(item.managed_by, 'api');
      assert.equal(item.config.name, id);
      assert.notEqual(
        item.config.headers.Authorization,
        'Bearer header-secret-0001',
        'a header secret is not shown back',
      );
      ok(await h.call(as(), 'GET', `/api/v1/monitors/${id}`), 200, 'get');
      assert.ok((await h.call(as(), 'GET', '/api/v1/monitors')).json<{ id: string }[]>().some((m) => m.id === id));

      const put = await h.call(as(), 'PUT', `/api/v1/monitors/${id}`, {
        body: { type: 'http', url: `${h.target.url}/json`, interval: '1h', name: 'Renamed monitor' },
      });
      ok(put, 200, 'replace');
      assert.equal(put.json<{ config: { name: string } }>().config.name, 'Renamed monitor');
      const clash = await h.call(as(), 'PUT', `/api/v1/monitors/${id}`, {
        body: { id: 'other-id', type: 'http', url: `${h.target.url}/json` },
      });
      ok(clash, 400, 'id in body ≠ path');

      const paused = await h.call(as(), 'POST', `/api/v1/monitors/${id}/pause`);
      ok(paused, 200, 'pause');
      assert.equal(paused.json<{ config: { enabled: boolean } }>().config.enabled, false);
      ok(await h.call(as(), 'POST', `/api/v1/monitors/${id}/run`), 409, 'run while paused');
      const resumed = await h.call(as(), 'POST', `/api/v1/monitors/${id}/resume`);
      assert.equal(resumed.json<{ config: { enabled: boolean } }>().config.enabled, true);

      const run = await h.call(h.sessions.editor, 'POST', `/api/v1/monitors/${id}/run`);
      ok(run, 200, 'run now');
      const result = run.json<{
        ok: boolean;
        latency_ms: number;
        status_code: number;
        details: { conditions: unknown[] };
      }>();
      assert.equal(result.ok, true);
      assert.equal(typeof result.latency_ms, 'number');
      assert.equal(result.status_code, 200);
      assert.ok(Array.isArray(result.details.conditions) && result.details.conditions.length > 0);

      const good = await h.call(as(), 'POST', '/api/v1/monitors/test', {
        body: { id: 'unsaved', type: 'http', url: `${h.target.url}/status/200` },
      });
      ok(good, 200, 'test now');
      assert.equal(good.json().ok, true);
      const bad = await h.call(as(), 'POST', '/api/v1/monitors/test', {
        body: { id: 'unsaved', type: 'http', url: `${h.target.url}/status/500` },
      });
      assert.equal(bad.json().ok, false);
      assert.match(String(bad.json().error), /500|STATUS/);
      ok(await h.call(as(), 'GET', '/api/v1/monitors/unsaved'), 404, 'test now stores nothing');

      ok(await h.call(as(), 'DELETE', `/api/v1/monitors/${id}`), 204, 'delete');
      ok(await h.call(as(), 'GET', `/api/v1/monitors/${id}`), 404, 'gone');
      const actions = (await h.store.admin.listAudit({ limit: 50, targetId: id })).map((e) => e.action);
      for (const a of [
        'monitor.create',
        'monitor.update',
        'monitor.pause',
        'monitor.resume',
        'monitor.run',
        'monitor.delete',
      ])
        assert.ok(actions.includes(a), `audit has ${a}: ${actions.join(', ')}`);
    });

    test('objects from the config file answer 409 managed_by_config to PUT, DELETE, pause and taking their id', async () => {
      const cases: [string, string, unknown?][] = [
        ['PUT', '/api/v1/monitors/api-health', { type: 'http', url: `${h.target.url}/json` }],
        ['DELETE', '/api/v1/monitors/api-health'],
        ['POST', '/api/v1/monitors/api-health/pause'],
        ['PUT', '/api/v1/components/api', { name: 'Taken' }],
        ['DELETE', '/api/v1/components/api'],
        ['PUT', `/api/v1/groups/${groupIdFor('Backend')}`, { name: 'Backend 2' }],
        ['DELETE', `/api/v1/groups/${groupIdFor('Backend')}`],
        ['PUT', '/api/v1/pages/status', { title: 'Taken' }],
        ['DELETE', '/api/v1/pages/status'],
        [
          'PUT',
          '/api/v1/maintenances/config-window',
          { title: 'Taken', ...maintenanceWindow(86_400_000, 60_000), components: ['api'] },
        ],
        ['DELETE', '/api/v1/maintenances/config-window'],
        ['POST', '/api/v1/components', { id: 'api', name: 'Shadow' }],
        ['POST', '/api/v1/monitors', { id: 'api-health', type: 'http', url: `${h.target.url}/json` }],
      ];
      for (const [method, url, body] of cases) {
        const res = await h.call(h.sessions.owner, method, url, { body });
        ok(res, 409, `${method} ${url}`);
        assert.equal(res.json().error, 'managed_by_config', `${method} ${url}`);
      }
      assert.equal((await h.store.admin.getCatalog('component', 'api'))?.managedBy, 'config');
    });

    test('unknown fields → 400 naming the path; unknown ids → 404', async () => {
      const top = await h.call(as(), 'POST', '/api/v1/components', { body: { id: h.uniq('c'), name: 'X', bogus: 1 } });
      ok(top, 400);
      const issues = top.json<{ issues: { path: string; message: string }[] }>().issues;
      assert.ok(
        issues.some((i) => i.path === 'body' && /bogus/.test(i.message)),
        JSON.stringify(issues),
      );
      const nested = await h.call(as(), 'POST', '/api/v1/monitors', {
        body: { id: h.uniq('m'), type: 'http', url: `${h.target.url}/json`, public: { hide_url: true, bogus: 1 } },
      });
      ok(nested, 400);
      assert.ok(
        nested.json<{ issues: { path: string }[] }>().issues.some((i) => i.path === 'body.public'),
        nested.body,
      );
      const ref = await h.call(as(), 'POST', '/api/v1/components', {
        body: { id: h.uniq('c'), name: 'X', monitors: ['no-such-monitor'] },
      });
      ok(ref, 400);
      assert.equal(ref.json<{ issues: { path: string }[] }>().issues[0]!.path, 'body.monitors.0');
      for (const path of ['monitors', 'components', 'groups', 'pages', 'maintenances', 'incidents', 'users']) {
        const res = await h.call(h.sessions.owner, 'GET', `/api/v1/${path}/${MISSING_ID}`);
        ok(res, 404, path);
        assert.equal(res.json().error, 'not_found');
      }
      ok(await h.call(h.sessions.owner, 'DELETE', `/api/v1/tokens/${MISSING_ID}`), 404);
      ok(await h.call(h.sessions.owner, 'DELETE', `/api/v1/subscribers/${MISSING_ID}`), 404);
    });

    test('a manual component status shows on the public page, and clearing it hands back to the monitors', async () => {
      await waitFor('web operational in public', async () => (await publicComponent('web')) === 'operational');
      const set = await h.call(h.sessions.editor, 'PUT', '/api/v1/components/web/status', {
        body: { status: 'major_outage', note: 'by hand' },
      });
      ok(set, 200);
      assert.equal(set.json().set_by, h.users.editor.email);
      await waitFor('web major_outage in public', async () => (await publicComponent('web')) === 'major_outage', 5000);
      assert.ok(
        (await h.call(h.sessions.viewer, 'GET', '/api/v1/component-statuses'))
          .json<{ component_id: string }[]>()
          .some((o) => o.component_id === 'web'),
      );
      ok(await h.call(h.sessions.editor, 'DELETE', '/api/v1/components/web/status'), 204);
      await waitFor('web operational again', async () => (await publicComponent('web')) === 'operational', 5000);
      ok(await h.call(h.sessions.editor, 'DELETE', '/api/v1/components/web/status'), 404, 'nothing to clear');
    });

    test('incidents: open with components, update, edit and delete an update, resolve, postmortem', async () => {
      const name = h.uniq('Checkout errors');
      const created = await h.call(h.sessions.editor, 'POST', '/api/v1/incidents', {
        body: {
          name,
          impact: 'major',
          body: 'Looking into it.',
          components: [{ id: 'api', status: 'partial_outage' }],
        },
      });
      ok(created, 201);
      const incident = created.json<Incident>();
      const shown = await waitFor(
        'the incident on the public page',
        async () => {
          const s = await publicJson<{ incidents: PublicIncident[]; components: PublicComponent[] }>(
            '/api/v2/summary.json',
          );
          const i = s.incidents.find((x) => x.name === name);
          return i && s.components.find((c) => c.id === 'api')?.status === 'partial_outage' ? i : undefined;
        },
        5000,
      );
      assert.equal(shown.impact, 'major');
      assert.equal(shown.incident_updates[0]!.body.includes('Looking into it'), true);

      const identified = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${incident.id}/updates`, {
        body: { status: 'identified', body: 'Found the bad deploy.' },
      });
      ok(identified, 201);
      const second = identified.json<Incident>().updates.at(-1)!;
      assert.equal(second.status, 'identified');
      const edited = await h.call(h.sessions.editor, 'PATCH', `/api/v1/incidents/${incident.id}/updates/${second.id}`, {
        body: { body: 'Found the bad deploy; rolling back.' },
      });
      ok(edited, 200);
      assert.equal(edited.json<Incident>().updates.at(-1)!.body, 'Found the bad deploy; rolling back.');
      await waitFor(
        'the edit in public',
        async () =>
          (await publicJson<{ incidents: PublicIncident[] }>('/api/v2/summary.json')).incidents
            .find((x) => x.name === name)
            ?.incident_updates.some((u) => u.body.includes('rolling back')),
        5000,
      );
      const monitoring = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${incident.id}/updates`, {
        body: { status: 'monitoring', body: 'Watching.' },
      });
      const third = monitoring.json<Incident>().updates.at(-1)!;
      const deleted = await h.call(h.sessions.editor, 'DELETE', `/api/v1/incidents/${incident.id}/updates/${third.id}`);
      ok(deleted, 200);
      assert.deepEqual(
        deleted.json<Incident>().updates.map((u) => u.status),
        ['investigating', 'identified'],
      );
      ok(
        await h.call(h.sessions.editor, 'PUT', `/api/v1/incidents/${incident.id}/postmortem`, {
          body: { body: 'Too early.' },
        }),
        409,
        'postmortem while open',
      );

      const resolved = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${incident.id}/updates`, {
        body: { status: 'resolved', body: 'Fixed.' },
      });
      ok(resolved, 201);
      assert.ok(resolved.json<Incident>().resolved_at);
      await waitFor(
        'api operational and no open incident',
        async () => {
          const s = await publicJson<{ incidents: PublicIncident[]; components: PublicComponent[] }>(
            '/api/v2/summary.json',
          );
          return (
            !s.incidents.some((x) => x.name === name) &&
            s.components.find((c) => c.id === 'api')?.status === 'operational'
          );
        },
        5000,
      );
      const pm = await h.call(h.sessions.editor, 'PUT', `/api/v1/incidents/${incident.id}/postmortem`, {
        body: { body: 'A config push broke checkout.' },
      });
      ok(pm, 200);
      assert.equal(pm.json<Incident>().postmortem?.body, 'A config push broke checkout.');
      ok(await h.call(h.sessions.editor, 'DELETE', `/api/v1/incidents/${incident.id}/postmortem`), 200);
      const actions = (await h.store.admin.listAudit({ limit: 50, targetId: incident.id })).map((e) => e.action);
      for (const a of [
        'incident.create',
        'incident.update.create',
        'incident.update.edit',
        'incident.update.delete',
        'incident.postmortem.set',
        'incident.postmortem.delete',
      ])
        assert.ok(actions.includes(a), a);
    });

    test('an automatic incident is taken over, then written by people', async () => {
      const monitorId = h.uniq('failing');
      const componentId = h.uniq('broken');
      await make(h, '/api/v1/monitors', {
        id: monitorId,
        type: 'http',
        url: `${h.target.url}/status/500`,
        interval: '1s',
        timeout: '1s',
        failure_threshold: 1,
      });
      await make(h, '/api/v1/components', { id: componentId, name: 'Broken thing', monitors: [monitorId] });
      const auto = await waitFor(
        'an automatic incident',
        async () =>
          (await h.call(h.sessions.editor, 'GET', '/api/v1/incidents?state=open'))
            .json<Incident[]>()
            .find((i) => i.source === 'auto' && i.name.length > 0 && JSON.stringify(i).includes(componentId)),
        10_000,
      );
      const refused = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/updates`, {
        body: { body: 'mine now?' },
      });
      ok(refused, 409, 'update before take-over');
      ok(await h.call(h.sessions.editor, 'DELETE', `/api/v1/incidents/${auto.id}`), 409, 'delete before take-over');
      const taken = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/take-over`);
      ok(taken, 200);
      assert.equal(taken.json<Incident>().taken_over_by, h.users.editor.email);
      ok(await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/take-over`), 409, 'twice');
      ok(
        await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/updates`, {
          body: { status: 'identified', body: 'We know.' },
        }),
        201,
      );
      // the engine leaves it alone: the monitor still fails, the incident keeps the people's status
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(
        (await h.call(h.sessions.editor, 'GET', `/api/v1/incidents/${auto.id}`)).json<Incident>().status,
        'identified',
      );
      await make(h, `/api/v1/monitors/${monitorId}/pause`, undefined);
      ok(
        await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/updates`, {
          body: { status: 'resolved', body: 'Done.' },
        }),
        201,
      );
      ok(await h.call(h.sessions.admin, 'DELETE', `/api/v1/components/${componentId}`), 204);
      ok(await h.call(h.sessions.admin, 'DELETE', `/api/v1/monitors/${monitorId}`), 204);
    });

    test('maintenance created through the API puts its component under maintenance, then hands it back', async () => {
      await waitFor('api operational', async () => (await publicComponent('api')) === 'operational', 5000);
      const id = h.uniq('mnt');
      ok(
        await h.call(h.sessions.editor, 'POST', '/api/v1/maintenances', {
          body: { id, title: 'Quick restart', ...maintenanceWindow(2000, 3000), components: ['api'] },
        }),
        201,
      );
      await waitFor(
        'api under_maintenance',
        async () => (await publicComponent('api')) === 'under_maintenance',
        8000,
        100,
      );
      await waitFor(
        'api operational after the window',
        async () => (await publicComponent('api')) === 'operational',
        10_000,
        100,
      );
      ok(await h.call(h.sessions.editor, 'DELETE', `/api/v1/maintenances/${id}`), 204);
    });

    test('API tokens: the secret is shown once, the list never shows it, last use and expiry are recorded', async () => {
      const person = h.sessions.editor;
      const made = await h.call(person, 'POST', '/api/v1/tokens', {
        body: { name: 'ci', scopes: ['write', 'read'], expires_in: '90m' },
      });
      ok(made, 201);
      const { token, info } = made.json<{
        token: string;
        info: { id: string; prefix: string; expires_at: string; last_used_at: string | null };
      }>();
      secrets.push(token);
      assert.match(token, /^pht_/);
      assert.ok(token.startsWith(info.prefix));
      assert.equal(info.last_used_at, null);
      const expiresIn = Date.parse(info.expires_at) - Date.now();
      assert.ok(expiresIn > 89 * 60_000 && expiresIn <= 90 * 60_000, `expires in ${expiresIn} ms`);
      const list = await h.call(person, 'GET', '/api/v1/tokens');
      assert.ok(!list.body.includes(token), 'the list does not hold the secret');
      assert.ok(list.json<{ id: string }[]>().some((t) => t.id === info.id));
      ok(await h.call(null, 'GET', '/api/v1/incidents', { headers: { authorization: `Bearer ${token}` } }), 200, 'use');
      const used = (await h.call(person, 'GET', '/api/v1/tokens'))
        .json<{ id: string; last_used_at: string | null }[]>()
        .find((t) => t.id === info.id)!;
      assert.ok(
        used.last_used_at && Math.abs(Date.parse(used.last_used_at) - Date.now()) < 60_000,
        `last used ${used.last_used_at}`,
      );
      ok(await h.call(h.sessions.viewer, 'GET', '/api/v1/tokens?all=true'), 403, "a viewer does not list everyone's");
      ok(await h.call(h.sessions.viewer, 'DELETE', `/api/v1/tokens/${info.id}`), 404, "nor revokes someone else's");
      ok(
        await h.call(h.sessions.viewer, 'POST', '/api/v1/tokens', { body: { name: 'x', scopes: ['write'] } }),
        400,
        'a viewer cannot hold write',
      );
    });

    test('two-factor sign-in: setup, enable with a TOTP code, the code step, one-time recovery codes', async () => {
      const person = await h.newUser('editor');
      const session = await h.login(person.email);
      const setup = await h.call(session, 'POST', '/api/v1/auth/totp/setup');
      ok(setup, 200);
      const { secret, uri } = setup.json<{ secret: string; uri: string }>();
      secrets.push(secret);
      assert.match(uri, /^otpauth:\/\/totp\//);
      ok(await h.call(session, 'POST', '/api/v1/auth/totp/enable', { body: { code: '000000' } }), 400, 'wrong code');
      const enabled = await h.call(session, 'POST', '/api/v1/auth/totp/enable', {
        body: { code: totpCodeAt(secret, totpStepAt(Date.now())) },
      });
      ok(enabled, 200);
      const codes = enabled.json<{ recovery_codes: string[] }>().recovery_codes;
      assert.ok(codes.length >= 5);
      secrets.push(...codes);

      const half = await h.login(person.email);
      const me = await h.call(half, 'GET', '/api/v1/auth/me');
      ok(me, 401, 'a half-signed-in session is good for nothing else');
      ok(await h.call(half, 'POST', '/api/v1/incidents', { body: { name: 'x' } }), 401);
      const step = await h.call(half, 'POST', '/api/v1/auth/login/totp', {
        body: { code: totpCodeAt(secret, totpStepAt(Date.now()) + 1) },
      });
      ok(step, 200, 'code step');
      const full = { ...half, cookie: cookieOf(step), csrf: step.json<{ csrf_token: string }>().csrf_token };
      assert.notEqual(full.cookie, half.cookie, 'the session id rotates');
      ok(await h.call(full, 'GET', '/api/v1/auth/me'), 200);
      ok(await h.call(half, 'GET', '/api/v1/auth/me'), 401, 'the half session is gone');

      const viaRecovery = await h.login(person.email);
      const rec = await h.call(viaRecovery, 'POST', '/api/v1/auth/login/totp', { body: { code: codes[0]! } });
      ok(rec, 200, 'recovery code');
      const again = await h.login(person.email);
      const reused = await h.call(again, 'POST', '/api/v1/auth/login/totp', { body: { code: codes[0]! } });
      ok(reused, 400, 'a recovery code works once');
    });

    test('the audit log has an entry per change with actor, IP, before/after, and no secret anywhere', async () => {
      const person = await h.newUser('viewer');
      const changed = await h.call(h.sessions.admin, 'PATCH', `/api/v1/users/${person.id}`, {
        body: { password: 'Admin-Set-Passw0rd-Reef', name: 'Renamed' },
      });
      ok(changed, 200);
      secrets.push('Admin-Set-Passw0rd-Reef');
      const entry = (await h.store.admin.listAudit({ limit: 5, targetId: person.id }))[0]!;
      assert.equal(entry.action, 'user.update');
      assert.equal(entry.actorId, h.users.admin.id);
      assert.equal(entry.actorLabel, h.users.admin.email);
      assert.equal(entry.ip, '127.0.0.1');
      assert.equal((entry.before as { name: string }).name, person.email.split('@')[0]);
      assert.equal((entry.after as { name: string }).name, 'Renamed');
      const tokenEntry = (await h.store.admin.listAudit({ limit: 500 })).find((e) => e.actorType === 'token');
      assert.ok(tokenEntry, 'token actions are attributed to the token');
      const viaApi = await h.call(h.sessions.admin, 'GET', `/api/v1/audit?target_id=${person.id}&limit=5`);
      ok(viaApi, 200);
      assert.equal(viaApi.json<{ action: string }[]>()[0]!.action, 'user.update');
      const everything = JSON.stringify(await h.store.admin.listAudit({ limit: 100_000 }));
      assert.ok(secrets.length > 8);
      for (const s of secrets) assert.ok(!everything.includes(s), `the audit log holds a secret (${s.slice(0, 6)}…)`);
    });

    test('a password in a monitor URL (http://user:password@host) does not reach the audit log', async () => {
      const id = h.uniq('basic-auth');
      const host = new URL(h.target.url).host;
      ok(
        await h.call(h.sessions.admin, 'POST', '/api/v1/monitors', {
          body: { id, type: 'http', url: `http://probe:url-pass-0001@${host}/status/200`, interval: '1h' },
        }),
        201,
      );
      ok(await h.call(h.sessions.admin, 'DELETE', `/api/v1/monitors/${id}`), 204);
      const entries = JSON.stringify(await h.store.admin.listAudit({ limit: 20, targetId: id }));
      assert.ok(entries.includes(id));
      assert.ok(
        !entries.includes('url-pass-0001'),
        'the URL password is in the audit log (redactSecrets looks only at key names)',
      );
    });

    test('OpenAPI 3.1 document lists every route with its path parameters; the reference page is HTML', async () => {
      const res = await h.call(null, 'GET', '/api/v1/openapi.json');
      ok(res, 200);
      const doc = res.json<{
        openapi: string;
        info: { title: string };
        paths: Record<
          string,
          Record<string, { parameters: { name: string; in: string; required: boolean }[]; responses: object }>
        >;
      }>();
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.info.title);
      for (const r of routeTable()) {
        const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
        const op = doc.paths[path]?.[r.method.toLowerCase()];
        assert.ok(op, `${r.method} ${path} missing`);
        assert.ok(Object.keys(op.responses).length > 0);
        for (const [, name] of path.matchAll(/\{([A-Za-z]+)\}/g)) {
          assert.ok(
            op.parameters.some((p) => p.name === name && p.in === 'path' && p.required),
            `${r.method} ${path}: {${name}} not declared`,
          );
        }
      }
      const docs = await h.call(null, 'GET', '/api/v1/docs');
      ok(docs, 200);
      assert.match(String(docs.headers['content-type']), /^text\/html/);
      assert.match(docs.body, /<html/i);
    });

    test('security headers on admin JSON, the reference page and the public HTML page', async () => {
      const check = (headers: Record<string, unknown>, frameAncestors: RegExp, what: string) => {
        assert.match(String(headers['content-security-policy']), frameAncestors, `${what}: CSP frame-ancestors`);
        assert.match(String(headers['content-security-policy']), /default-src 'self'/, `${what}: CSP`);
        assert.equal(headers['x-content-type-options'], 'nosniff', what);
        assert.ok(headers['referrer-policy'], `${what}: referrer-policy`);
      };
      check(
        (await h.call(h.sessions.viewer, 'GET', '/api/v1/monitors')).headers,
        /frame-ancestors 'none'/,
        'admin JSON',
      );
      check((await h.call(null, 'GET', '/api/v1/docs')).headers, /frame-ancestors 'none'/, 'reference page');
      check((await h.call(null, 'GET', '/api/v1/monitors')).headers, /frame-ancestors 'none'/, 'a 401');
      const page = await fetch(`${h.pharos.url}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      check(Object.fromEntries(page.headers), /frame-ancestors 'self'/, 'public page');
    });
  });
}

after(() => stopTestPostgres());
