import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startAdminHarness, type AdminHarness, type ApiResponse } from '../support/admin-harness.ts';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.ts';

/**
 * Security review, issue 12, item 1: notification channels made through the API pass the egress policy on every
 * connection, SMTP included, and the "send test" is no port scanner. Against a real Pharos with
 * `egress.deny_private: true` (and 127.0.0.2 allowed, a loopback address where nothing listens).
 */

interface TestAnswer {
  ok: boolean;
  retryable?: boolean;
  error?: string;
}

const ok = (res: ApiResponse, status: number, what = '') =>
  assert.equal(res.status, status, `${what} → ${res.status} ${res.body.slice(0, 400)}`);

/** A port on 127.0.0.1 where nothing listens now. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('notification channels and the egress policy (real Pharos, deny_private)', () => {
  let h: AdminHarness;
  let smtp: SmtpTestServer;
  let hook: HttpReceiver;

  before(async () => {
    smtp = await startSmtpTestServer();
    hook = await startHttpReceiver();
    h = await startAdminHarness({
      extraConfig: `
egress: { deny_private: true, allow: ["127.0.0.2/32"] }
notifications:
  - { id: config-mail, type: email, events: [incident.created], to: [ops@example.com], from: pharos@example.com, smtp: { host: 127.0.0.1, port: ${smtp.port}, starttls: never } }`,
    });
  });
  after(async () => {
    await h?.close();
    await Promise.all([smtp?.close(), hook?.close()]);
  });

  const emailChannel = (id: string, smtpFields: object) => ({
    id,
    type: 'email',
    events: ['incident.created'],
    to: ['attacker@example.com'],
    from: 'pharos@example.com',
    smtp: { starttls: 'never', ...smtpFields },
  });

  async function sendTest(id: string): Promise<TestAnswer> {
    const res = await h.call(h.sessions.admin, 'POST', `/api/v1/notification-channels/${id}/test`);
    ok(res, 200, 'send test');
    return res.json<TestAnswer>();
  }

  test('an API email channel to 127.0.0.1 or localhost is refused by the policy: no connection, no EHLO, no mail', async () => {
    const before = { connections: smtp.connections(), mails: smtp.messages.length };
    for (const host of ['127.0.0.1', 'localhost', '::ffff:127.0.0.1']) {
      const id = h.uniq('mail');
      ok(
        await h.call(h.sessions.admin, 'POST', '/api/v1/notification-channels', {
          body: emailChannel(id, { host, port: smtp.port }),
        }),
        201,
        `create ${host}`,
      );
      const answer = await sendTest(id);
      assert.equal(answer.ok, false, host);
      assert.equal(answer.retryable, false);
      assert.match(
        answer.error ?? '',
        /^refused by the egress policy: .* is a loopback address \(egress\.deny_private, for targets created through the API\)$/,
        host,
      );
    }
    assert.equal(smtp.connections(), before.connections, 'the SMTP server saw no connection');
    assert.equal(smtp.messages.length, before.mails);
  });

  test('the same server from the config file is reached (the guard is per origin, not a broken transport)', async () => {
    const before = smtp.messages.length;
    const res = await h.call(h.sessions.admin, 'POST', '/api/v1/notification-channels/config-mail/test');
    ok(res, 200);
    assert.deepEqual(res.json(), { ok: true, remote_status: 250 });
    assert.equal((await smtp.waitFor(before + 1)).length, before + 1);
  });

  test('the metadata address is refused for SMTP too', async () => {
    const id = h.uniq('mail');
    ok(
      await h.call(h.sessions.admin, 'POST', '/api/v1/notification-channels', {
        body: emailChannel(id, { host: '169.254.169.254', port: 25 }),
      }),
      201,
    );
    assert.match(
      (await sendTest(id)).error ?? '',
      /^refused by the egress policy: 169\.254\.169\.254 is a cloud metadata address \(egress\.deny_metadata\)$/,
    );
  });

  test('an allowed address with nothing listening: a generic answer, no errno to tell closed from filtered', async () => {
    const port = await closedPort();
    const mail = h.uniq('mail');
    ok(
      await h.call(h.sessions.admin, 'POST', '/api/v1/notification-channels', {
        body: emailChannel(mail, { host: '127.0.0.2', port }),
      }),
      201,
    );
    assert.deepEqual(await sendTest(mail), {
      ok: false,
      retryable: true,
      error: `ECONNECTION: could not connect to 127.0.0.2:${port}`,
    });
    const webhook = h.uniq('hook');
    ok(
      await h.call(h.sessions.admin, 'POST', '/api/v1/notification-channels', {
        body: { id: webhook, type: 'webhook', url: `http://127.0.0.2:${port}/hook` },
      }),
      201,
    );
    assert.deepEqual(await sendTest(webhook), {
      ok: false,
      retryable: true,
      error: `could not connect to 127.0.0.2:${port}`,
    });
  });

  test('an API webhook to loopback is refused too (HTTP and SMTP answer alike)', async () => {
    const id = h.uniq('hook');
    ok(
      await h.call(h.sessions.admin, 'POST', '/api/v1/notification-channels', {
        body: { id, type: 'webhook', url: `${hook.url}/hook` },
      }),
      201,
    );
    assert.match((await sendTest(id)).error ?? '', /^refused by the egress policy: 127\.0\.0\.1 is a loopback address/);
    assert.equal(hook.requests.length, 0);
  });
});
