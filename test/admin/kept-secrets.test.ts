import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadPublicCatalog } from '../../src/http/public/public-catalog.ts';
import { closeEmailTransports } from '../../src/notify/email/index.ts';
import {
  make,
  startAdminHarness,
  type AdminHarness,
  type ApiResponse,
  type Credential,
} from '../support/admin-harness.ts';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.ts';
import { stopTestPostgres } from '../support/postgres.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.ts';

/**
 * Security review, issue 12, items 2 and 3, against a real Pharos: an admin (who may edit but never read secrets)
 * moves the owner's monitor or channel to their own server while sending the hidden secret back as "[redacted]",
 * then runs it; and readers (viewer, editor, read token, the public model) look for tokens in monitor URLs.
 * "owner" is the owner's token (h.root); "the attacker" is the admin's session; rxA is the owner's server, rxB the
 * attacker's.
 */

const R = '[redacted]';
const MOVED = 're-enter this secret: the target changed';

interface Issue {
  path: string;
  message: string;
}

const status = (res: ApiResponse, expected: number, what = '') =>
  assert.equal(res.status, expected, `${what} → ${res.status} ${res.body.slice(0, 400)}`);

/** A 400 that names exactly these fields as secrets to type again. */
function assertMoved(res: ApiResponse, paths: string[]): void {
  status(res, 400, 'moved secret');
  const issues = res.json<{ issues?: Issue[] }>().issues ?? [];
  assert.deepEqual(issues.map((i) => i.path).sort(), paths.map((p) => `body.${p}`).sort(), res.body);
  for (const i of issues) assert.equal(i.message, MOVED);
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`kept secrets follow their target [${kind}]`, () => {
    let h: AdminHarness;
    let rxA: HttpReceiver;
    let rxB: HttpReceiver;
    let smtpA: SmtpTestServer;
    let smtpB: SmtpTestServer;
    const attacker = (): Credential => h.sessions.admin;

    before(async () => {
      [rxA, rxB] = await Promise.all([startHttpReceiver(), startHttpReceiver()]);
      [smtpA, smtpB] = await Promise.all([
        startSmtpTestServer({ auth: { user: 'alerts', pass: 'smtp-secret-4' } }),
        startSmtpTestServer({ auth: { user: 'alerts', pass: 'anything' } }),
      ]);
      h = await startAdminHarness({ store: kind });
    });
    after(async () => {
      await h?.close();
      closeEmailTransports();
      await Promise.all([rxA?.close(), rxB?.close(), smtpA?.close(), smtpB?.close()]);
    });

    const storedConfig = async (kindOf: 'monitor' | 'channel', id: string) =>
      (await h.store.admin.getCatalog(kindOf, id))!.config as Record<string, unknown>;
    const shown = async (path: string, as: Credential = attacker()) =>
      (await h.call(as, 'GET', path)).json<{ config: Record<string, unknown> }>().config;
    const sawSecret = (rx: HttpReceiver, secret: string) =>
      rx.requests.some(
        (r) => JSON.stringify(r.headers).includes(secret) || r.url.includes(secret) || r.body.includes(secret),
      );

    test('monitor headers: moving the URL (another host, or another path of the same host) keeps no secret; Run now reaches only the owner', async () => {
      const id = h.uniq('mon');
      await make(h, '/api/v1/monitors', {
        id,
        type: 'http',
        url: `${rxA.url}/health`,
        interval: '1h',
        headers: { Authorization: 'Bearer owner-secret-1', Accept: 'text/plain' },
      });
      const config = await shown(`/api/v1/monitors/${id}`);
      assert.deepEqual(config.headers, { Authorization: R, Accept: 'text/plain' });

      assertMoved(
        await h.call(attacker(), 'PUT', `/api/v1/monitors/${id}`, { body: { ...config, url: `${rxB.url}/health` } }),
        ['headers.Authorization'],
      );
      assertMoved(
        await h.call(attacker(), 'PUT', `/api/v1/monitors/${id}`, {
          body: { ...config, url: `${rxA.url}/echo-headers` },
        }),
        ['headers.Authorization'],
      );
      assertMoved(
        await h.call(attacker(), 'PUT', `/api/v1/monitors/${id}`, {
          body: { ...config, type: 'http', url: `${rxB.url}/health`, method: 'POST' },
        }),
        ['headers.Authorization'],
      );
      status(await h.call(attacker(), 'POST', `/api/v1/monitors/${id}/run`), 200, 'run');
      assert.equal(rxB.requests.length, 0, "the attacker's server was never asked");
      assert.equal((await storedConfig('monitor', id)).url, `${rxA.url}/health`, 'nothing was written');

      // an edit that leaves the URL alone keeps the secret, and it still goes to the owner's server
      status(
        await h.call(attacker(), 'PUT', `/api/v1/monitors/${id}`, { body: { ...config, name: 'Renamed' } }),
        200,
        'rename',
      );
      rxA.clear();
      status(await h.call(attacker(), 'POST', `/api/v1/monitors/${id}/run`), 200, 'run');
      assert.equal((await rxA.waitForRequest()).headers.authorization, 'Bearer owner-secret-1');

      // typing a secret of one's own is fine: it is not the owner's
      status(
        await h.call(attacker(), 'PUT', `/api/v1/monitors/${id}`, {
          body: { ...config, url: `${rxB.url}/health`, headers: { Authorization: 'Bearer admin-own' } },
        }),
        200,
        'new secret',
      );
      status(await h.call(attacker(), 'POST', `/api/v1/monitors/${id}/run`), 200, 'run');
      assert.equal((await rxB.waitForRequest()).headers.authorization, 'Bearer admin-own');
      assert.ok(!sawSecret(rxB, 'owner-secret-1'));
      status(await h.call(attacker(), 'DELETE', `/api/v1/monitors/${id}`), 204, 'delete');
    });

    test('"Test now" on a draft follows the same rule: the stored secret only for the unchanged URL', async () => {
      const id = h.uniq('mon');
      await make(h, '/api/v1/monitors', {
        id,
        type: 'http',
        url: `${rxA.url}/health`,
        interval: '1h',
        headers: { 'X-Api-Key': 'owner-key-7' },
      });
      const draft = await shown(`/api/v1/monitors/${id}`);
      assertMoved(
        await h.call(attacker(), 'POST', '/api/v1/monitors/test', { body: { ...draft, url: `${rxB.url}/health` } }),
        ['headers.X-Api-Key'],
      );
      assert.ok(!sawSecret(rxB, 'owner-key-7'));
      rxA.clear();
      status(
        await h.call(attacker(), 'POST', '/api/v1/monitors/test', { body: { ...draft, name: 'Unsaved change' } }),
        200,
        'test now',
      );
      assert.equal((await rxA.waitForRequest()).headers['x-api-key'], 'owner-key-7');
    });

    test('monitor URL password and query values: kept on the same scheme, host and port, refused elsewhere', async () => {
      const id = h.uniq('mon');
      await make(h, '/api/v1/monitors', {
        id,
        type: 'http',
        url: `http://alice:pw-secret-2@127.0.0.1:${rxA.port}/health?token=q-secret-2&region=eu`,
        interval: '1h',
      });
      const viewerUrl = `http://${R}@127.0.0.1:${rxA.port}/health?token=${R}&region=${R}`;
      assert.equal((await shown(`/api/v1/monitors/${id}`, h.sessions.viewer)).url, viewerUrl);
      const config = await shown(`/api/v1/monitors/${id}`);
      assert.equal(config.url, `http://alice:${R}@127.0.0.1:${rxA.port}/health?token=q-secret-2&region=eu`);
      for (const url of [
        `http://alice:${R}@127.0.0.1:${rxB.port}/health`,
        viewerUrl.replace(String(rxA.port), String(rxB.port)),
        `https://alice:${R}@127.0.0.1:${rxA.port}/health`,
      ]) {
        assertMoved(await h.call(attacker(), 'PUT', `/api/v1/monitors/${id}`, { body: { ...config, url } }), ['url']);
      }
      assert.ok(!sawSecret(rxB, 'pw-secret-2') && !sawSecret(rxB, 'q-secret-2'));
      // the viewer's form of the URL written back on the same origin (another path) keeps both
      status(
        await h.call(attacker(), 'PUT', `/api/v1/monitors/${id}`, {
          body: { ...config, url: viewerUrl.replace('/health', '/v2/health') },
        }),
        200,
        'keep',
      );
      assert.equal(
        (await storedConfig('monitor', id)).url,
        `http://alice:pw-secret-2@127.0.0.1:${rxA.port}/v2/health?token=q-secret-2&region=eu`,
      );
    });

    test('webhook channel: the signing key and headers stay with their URL; Send test never reaches the new one', async () => {
      const id = h.uniq('hook');
      await make(h, '/api/v1/notification-channels', {
        id,
        type: 'webhook',
        url: `${rxA.url}/hook`,
        secret: 'sign-secret-0123456789',
        headers: { Authorization: 'Bearer hook-secret-3' },
      });
      const config = await shown(`/api/v1/notification-channels/${id}`);
      assert.equal(config.secret, R);
      assert.equal(config.headers, R, 'a webhook hides its headers as a whole');
      assertMoved(
        await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, {
          body: { ...config, url: `${rxB.url}/hook` },
        }),
        ['secret', 'headers'],
      );
      // the same host, another path: the headers may not follow (the signing key may)
      assertMoved(
        await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, {
          body: { ...config, url: `${rxA.url}/echo` },
        }),
        ['headers'],
      );
      status(await h.call(attacker(), 'POST', `/api/v1/notification-channels/${id}/test`), 200);
      assert.ok(!rxB.requests.some((r) => r.path === '/hook'), "the attacker's server got no delivery");
      rxA.clear();
      status(
        await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, {
          body: { ...config, events: ['incident.created'] },
        }),
        200,
        'keep',
      );
      status(await h.call(attacker(), 'POST', `/api/v1/notification-channels/${id}/test`), 200);
      assert.equal((await rxA.waitForRequest()).headers.authorization, 'Bearer hook-secret-3');
    });

    test('email channel: the SMTP password stays with host, port and TLS mode', async () => {
      const id = h.uniq('mail');
      const smtp = { host: '127.0.0.1', port: smtpA.port, starttls: 'never', user: 'alerts', pass: 'smtp-secret-4' };
      await make(h, '/api/v1/notification-channels', {
        id,
        type: 'email',
        events: ['incident.created'],
        to: ['ops@example.com'],
        from: 'pharos@example.com',
        smtp,
      });
      const config = await shown(`/api/v1/notification-channels/${id}`);
      const shownSmtp = config.smtp as Record<string, unknown>;
      assert.equal(shownSmtp.pass, R);
      for (const change of [
        { port: smtpB.port },
        { host: 'localhost' },
        { starttls: 'opportunistic' },
        { secure: true },
        { tls_reject_unauthorized: false },
      ]) {
        assertMoved(
          await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, {
            body: { ...config, smtp: { ...shownSmtp, ...change } },
          }),
          ['smtp.pass'],
        );
      }
      status(await h.call(attacker(), 'POST', `/api/v1/notification-channels/${id}/test`), 200);
      assert.equal(smtpB.connections(), 0, "the attacker's SMTP server saw nothing");
      // new recipients are no new target: the password still only goes to the owner's server
      status(
        await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, {
          body: { ...config, to: ['attacker@example.com'] },
        }),
        200,
        'keep',
      );
      const answer = await h.call(attacker(), 'POST', `/api/v1/notification-channels/${id}/test`);
      assert.equal(answer.json<{ ok: boolean }>().ok, true, answer.body);
      assert.deepEqual(smtpA.auths.at(-1), { method: 'PLAIN', user: 'alerts', ok: true });
    });

    const providers: [type: string, make: (base: string) => Record<string, unknown>, moved: string[]][] = [
      ['gotify', (base) => ({ server: base, app_token: 'AppToken_0123456' }), ['app_token']],
      ['ntfy', (base) => ({ url: base, topic: 'alerts-secret-topic', token: 'tk_ntfysecret' }), ['topic', 'token']],
      ['opsgenie', (base) => ({ api_url: base, api_key: 'ops-0123456789abcdef0123' }), ['api_key']],
      ['pagerduty', (base) => ({ api_url: base, routing_key: 'R0123456789abcdef0123456789abcde' }), ['routing_key']],
      [
        'telegram',
        (base) => ({ api_url: base, bot_token: '123456:AAE0123456789abcdefghijklmn', chat_id: 42 }),
        ['bot_token'],
      ],
    ];
    for (const [type, fields, moved] of providers) {
      test(`${type} channel: its secrets stay with its API host`, async () => {
        const id = h.uniq(type);
        await make(h, '/api/v1/notification-channels', { id, type, ...fields(rxA.url) });
        const config = await shown(`/api/v1/notification-channels/${id}`);
        for (const field of moved) assert.equal(config[field], R, field);
        const target = Object.keys(fields(rxB.url)).find((k) => fields(rxB.url)[k] === rxB.url)!;
        assertMoved(
          await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, {
            body: { ...config, [target]: rxB.url },
          }),
          moved,
        );
        status(
          await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, {
            body: { ...config, [target]: `${rxA.url}/` },
          }),
          200,
          'same host',
        );
        const stored = await storedConfig('channel', id);
        for (const field of moved) assert.equal(stored[field], fields(rxA.url)[field], `${field} kept`);
      });
    }

    test('opsgenie: a region switch moves the API host too', async () => {
      const id = h.uniq('opsgenie');
      await make(h, '/api/v1/notification-channels', {
        id,
        type: 'opsgenie',
        api_key: 'ops-0123456789abcdef0123',
        region: 'us',
      });
      const config = await shown(`/api/v1/notification-channels/${id}`);
      assertMoved(
        await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, { body: { ...config, region: 'eu' } }),
        ['api_key'],
      );
    });

    test('slack: the URL is the secret, kept only as it is', async () => {
      const id = h.uniq('slack');
      await make(h, '/api/v1/notification-channels', {
        id,
        type: 'slack',
        url: `${rxA.url}/services/T0/B0/slack-secret-8`,
      });
      const config = await shown(`/api/v1/notification-channels/${id}`);
      assert.equal(config.url, R);
      status(
        await h.call(attacker(), 'PUT', `/api/v1/notification-channels/${id}`, {
          body: { ...config, username: 'Pharos bot' },
        }),
        200,
        'keep',
      );
      assert.equal((await storedConfig('channel', id)).url, `${rxA.url}/services/T0/B0/slack-secret-8`);
    });

    test('readers without "configure" (viewer, editor, read token, the public model) see no URL userinfo or query values', async () => {
      const withQuery = h.uniq('mon');
      const withUser = h.uniq('mon');
      await make(h, '/api/v1/monitors', {
        id: withQuery,
        type: 'http',
        url: `${rxA.url}/health?token=q-secret-5&region=eu&flag`,
        interval: '1h',
      });
      await make(h, '/api/v1/monitors', {
        id: withUser,
        type: 'http',
        url: `http://bob:pw-secret-6@127.0.0.1:${rxA.port}/x`,
        interval: '1h',
      });
      const readers = [h.sessions.viewer, h.sessions.editor, h.tokens.read];
      for (const reader of readers) {
        const one = await h.call(reader, 'GET', `/api/v1/monitors/${withQuery}`);
        status(one, 200, reader.label);
        assert.equal(
          one.json<{ config: { url: string } }>().config.url,
          `${rxA.url}/health?token=${R}&region=${R}&${R}`,
          reader.label,
        );
        assert.equal(
          (await shown(`/api/v1/monitors/${withUser}`, reader)).url,
          `http://${R}@127.0.0.1:${rxA.port}/x`,
          reader.label,
        );
        const list = await h.call(reader, 'GET', '/api/v1/monitors');
        for (const secret of ['q-secret-5', 'pw-secret-6', 'bob:'])
          assert.ok(!list.body.includes(secret), `${reader.label} sees ${secret} in the list`);
      }
      // those who edit the monitor see its query (the URL is theirs to change), never the password
      assert.equal(
        (await shown(`/api/v1/monitors/${withQuery}`, h.sessions.admin)).url,
        `${rxA.url}/health?token=q-secret-5&region=eu&flag`,
      );
      assert.equal(
        (await shown(`/api/v1/monitors/${withUser}`, h.sessions.admin)).url,
        `http://bob:${R}@127.0.0.1:${rxA.port}/x`,
      );
      // the public catalog is where every public model takes a monitor's target from (lone ones are on no page)
      const publicTargets = (await loadPublicCatalog(h.store)).monitors
        .filter((m) => m.id === withQuery || m.id === withUser)
        .map((m) => m.target);
      assert.deepEqual(
        publicTargets.sort(),
        [`${rxA.url}/health?token=${R}&region=${R}&${R}`, `http://${R}@127.0.0.1:${rxA.port}/x`].sort(),
      );
    });
  });
}

after(() => stopTestPostgres());
