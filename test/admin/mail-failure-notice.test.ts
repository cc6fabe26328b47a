import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '../../src/domain/ids.ts';
import { startAdminHarness, type AdminHarness } from '../support/admin-harness.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.ts';
import { waitFor } from '../support/wait-for.ts';

interface Notice {
  kind: string;
  message: string;
  failing: number;
  last_error: string;
  target: string;
}

/** Item 5 of issue 14: a mail relay that refuses reaches the operator as an admin notice, not only the log. */
describe('admin notices: mail that does not get through', () => {
  let h: AdminHarness;
  let smtp: SmtpTestServer;
  before(async () => {
    smtp = await startSmtpTestServer({
      failWith: () => ({ code: 554, message: '5.7.1 Relay access denied for pharos' }),
    });
    const relay = `{ host: 127.0.0.1, port: ${smtp.port}, starttls: never }`;
    h = await startAdminHarness({
      extraConfig: [
        'subscribers:',
        '  enabled: true',
        `  email: { smtp: ${relay}, from: status@acme.test }`,
        'notifications:',
        `  - { id: ops-mail, type: email, to: [oncall@acme.test], from: pharos@acme.test, smtp: ${relay} }`,
        'delivery: { backoff_base: 50ms, backoff_max: 200ms, poll_interval: 50ms }',
      ].join('\n'),
    });
  });
  after(async () => {
    await h?.close();
    await smtp?.close();
  });

  test('settings: subscriptions on, with the relay and its STARTTLS mode', async () => {
    const res = await h.call(h.sessions.viewer, 'GET', '/api/v1/subscription-settings');
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(res.json(), {
      enabled: true,
      config_key: 'subscribers.enabled',
      email: { host: '127.0.0.1', port: smtp.port, secure: false, starttls: 'never' },
      webhooks: true,
    });
  });

  test('no notice while nothing failed; the refused mails become one notice naming the SMTP answer', async () => {
    assert.deepEqual((await h.call(h.sessions.viewer, 'GET', '/api/v1/notices')).json(), []);
    const id = newId();
    await h.store.admin.createSubscriber({
      id,
      kind: 'email',
      target: 'reader@example.com',
      componentIds: [],
      confirmedAt: Date.now(),
      createdAt: Date.now(),
      pageSlug: '',
      pageAccess: null,
    });
    await h.cli.runtime.catalogChanged();
    const made = await h.call(h.sessions.editor, 'POST', '/api/v1/incidents', {
      body: { name: 'Payments are slow', body: 'Looking into it.' },
    });
    assert.equal(made.status, 201, made.body);
    const notices = await waitFor(
      'a mail notice',
      async () => {
        const list = (await h.call(h.sessions.viewer, 'GET', '/api/v1/notices')).json<Notice[]>();
        return list.length ? list : undefined;
      },
      20_000,
    );
    assert.equal(notices.length, 1);
    const [n] = notices;
    assert.equal(n!.kind, 'mail_delivery');
    assert.match(n!.last_error, /554|Relay access denied/);
    assert.match(n!.message, /Mail is not getting through/);
    assert.match(n!.message, /Relay access denied/);
    assert.ok(smtp.rejected.length >= 1, 'the relay really refused');
  });
});
