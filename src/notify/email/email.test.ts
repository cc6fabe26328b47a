import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent } from 'undici';
import { startSmtpTestServer, type SmtpTestServer } from '../../../test/support/smtp-test-server.ts';
import { testCertificates, type TestKeyPair } from '../../../test/support/test-certificates.ts';
import { describeEvent } from '../message/describe-event.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryContext } from '../notifier.ts';
import {
  closeEmailTransports,
  emailFields,
  emailNotifier,
  messageIdFor,
  renderEmail,
  sendMail,
  smtpFailure,
  smtpFields,
} from './index.ts';
import { smtpTransportFor } from './smtp-transports.ts';
import { ConnectFailedError } from '../../egress/guarded-connect.ts';
import { egressSchema } from '../../config/egress-schema.ts';
import { createEgressPolicy } from '../../egress/egress-policy.ts';
import { defaultEgressPolicy } from '../../egress/egress-policy.ts';

const configGuard = defaultEgressPolicy().guardFor('config');
const strict = createEgressPolicy(egressSchema.parse({ deny_private: true }));
const AT = Date.parse('2026-03-01T12:00:00Z');
const PASS = 's3cret-Pa55word!';
const down: NotificationEvent = {
  id: 'evt-1',
  type: 'monitor.down',
  at: AT,
  pageUrl: 'https://status.example.com',
  components: [{ id: 'api', name: 'API', status: 'major_outage' }],
  monitor: {
    id: 'api-health',
    name: 'API <health>',
    status: 'down',
    previousStatus: 'up',
    since: AT - 60_000,
    lastError: 'expected "ok" & got <html>',
    url: 'https://status.example.com/admin/monitors/api-health?a=1&b=2',
  },
};

describe('email notifier', () => {
  let selfSigned: TestKeyPair;
  let plain: SmtpTestServer;
  let secured: SmtpTestServer;
  const dispatcher = new Agent();
  const ctx = (key = 'evt-1.mail'): DeliveryContext => ({
    idempotencyKey: key,
    signal: new AbortController().signal,
    dispatcher,
    egress: defaultEgressPolicy().guardFor('config'),
    now: () => AT,
  });
  const channel = (server: SmtpTestServer, smtp: object = {}, extra: object = {}) =>
    emailFields.parse({
      to: ['oncall@example.com', 'lead@example.com'],
      cc: ['audit@example.com'],
      from: { name: 'Pharos Alerts', address: 'pharos@example.com' },
      smtp: { host: '127.0.0.1', port: server.port, starttls: 'never', ...smtp },
      ...extra,
    });

  before(async () => {
    selfSigned = (await testCertificates()).selfSigned;
    plain = await startSmtpTestServer();
    secured = await startSmtpTestServer({ tls: selfSigned, auth: { user: 'alerts', pass: PASS } });
  });
  after(async () => {
    closeEmailTransports();
    await Promise.all([plain.close(), secured.close(), dispatcher.close()]);
  });

  test('the mail has the subject, a text and an HTML part, the Message-ID from the key, X-Pharos-Event', async () => {
    const result = await emailNotifier.send(down, channel(plain), ctx('evt-1.mail'));
    assert.deepEqual(result, { ok: true, remoteStatus: 250 });
    const [mail] = await plain.waitFor(1);
    assert.equal(mail!.subject, '🔴 API <health> is down');
    assert.equal(mail!.messageId, '<evt-1=2Email@pharos>');
    assert.equal(mail!.headers.get('x-pharos-event'), 'monitor.down');
    assert.equal(mail!.headers.get('x-pharos-event-id'), 'evt-1');
    assert.equal(mail!.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(mail!.from?.text, '"Pharos Alerts" <pharos@example.com>');
    assert.deepEqual(mail!.envelope, {
      from: 'pharos@example.com',
      to: ['oncall@example.com', 'lead@example.com', 'audit@example.com'],
    });
    assert.match(mail!.text ?? '', /Down since 2026-03-01T11:59:00Z: expected "ok" & got <html>/);
    assert.match(mail!.text ?? '', /Last error: expected "ok" & got <html>/);
    assert.match(
      mail!.text ?? '',
      /Open in Pharos: https:\/\/status\.example\.com\/admin\/monitors\/api-health\?a=1&b=2/,
    );
    const html = String(mail!.html);
    assert.match(html, /<h1[^>]*>🔴 API &lt;health&gt; is down<\/h1>/);
    assert.match(html, /<th[^>]*>Last error<\/th><td[^>]*>expected &quot;ok&quot; &amp; got &lt;html&gt;<\/td>/);
    assert.match(
      html,
      /<a href="https:\/\/status\.example\.com\/admin\/monitors\/api-health\?a=1&amp;b=2"[^>]*>Open in Pharos<\/a>/,
    );
    assert.equal(mail!.secure, false);
  });

  test('a retry of the same delivery carries the same Message-ID', async () => {
    const before = plain.messages.length;
    await emailNotifier.send(down, channel(plain), ctx('same-key'));
    await emailNotifier.send(down, channel(plain), ctx('same-key'));
    const mails = (await plain.waitFor(before + 2)).slice(before);
    assert.deepEqual(
      mails.map((m) => m.messageId),
      ['<same-key@pharos>', '<same-key@pharos>'],
    );
  });

  test('STARTTLS with a self-signed certificate (verification off) and AUTH PLAIN', async () => {
    const config = channel(secured, {
      starttls: 'required',
      user: 'alerts',
      pass: PASS,
      tls_reject_unauthorized: false,
    });
    assert.equal((await emailNotifier.send(down, config, ctx())).ok, true);
    const [mail] = await secured.waitFor(1);
    assert.equal(mail!.secure, true);
    assert.equal(mail!.user, 'alerts');
    assert.deepEqual(secured.auths.at(-1), { method: 'PLAIN', user: 'alerts', ok: true });
  });

  test('implicit TLS (secure: true) through the guarded socket: the password only inside TLS', async () => {
    const implicit = await startSmtpTestServer({
      tls: selfSigned,
      implicitTls: true,
      auth: { user: 'alerts', pass: PASS },
    });
    try {
      const result = await emailNotifier.send(
        down,
        channel(implicit, { secure: true, user: 'alerts', pass: PASS, tls_reject_unauthorized: false }),
        ctx(),
      );
      assert.equal(result.ok, true, JSON.stringify(result));
      const [mail] = await implicit.waitFor(1);
      assert.equal(mail!.secure, true);
      assert.deepEqual(implicit.auths, [{ method: 'PLAIN', user: 'alerts', ok: true }]);
    } finally {
      await implicit.close();
    }
  });

  test('AUTH LOGIN when that is all the server offers', async () => {
    const loginOnly = await startSmtpTestServer({
      tls: selfSigned,
      auth: { user: 'alerts', pass: PASS, methods: ['LOGIN'] },
    });
    try {
      const result = await emailNotifier.send(
        down,
        channel(loginOnly, { starttls: 'required', user: 'alerts', pass: PASS, tls_reject_unauthorized: false }),
        ctx(),
      );
      assert.equal(result.ok, true);
      assert.deepEqual(loginOnly.auths, [{ method: 'LOGIN', user: 'alerts', ok: true }]);
    } finally {
      await loginOnly.close();
    }
  });

  test('the self-signed certificate is refused while verification is on', async () => {
    const before = secured.messages.length;
    const result = await emailNotifier.send(
      down,
      channel(secured, { starttls: 'required', user: 'alerts', pass: PASS, port: secured.port }),
      ctx(),
    );
    assert.equal(result.ok, false);
    assert.equal(secured.messages.length, before);
  });

  test('starttls required against a server without STARTTLS: nothing is sent in clear', async () => {
    const before = plain.messages.length;
    const result = await emailNotifier.send(down, channel(plain, { starttls: 'required' }), ctx());
    assert.equal(result.ok, false);
    assert.equal(plain.messages.length, before);
  });

  test('a wrong password: 535, not retryable, the password nowhere in the result', async () => {
    const result = await emailNotifier.send(
      down,
      channel(secured, {
        starttls: 'required',
        user: 'alerts',
        pass: 'wrong-password',
        tls_reject_unauthorized: false,
      }),
      ctx(),
    );
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.remoteStatus, 535);
    assert.equal(!result.ok && result.retryable, false);
    assert.ok(!JSON.stringify(result).includes('wrong-password'));
  });

  const refusals = [
    { code: 550, message: 'Mailbox unavailable', retryable: false },
    { code: 554, message: 'Transaction failed', retryable: false },
    { code: 451, message: 'Try again later', retryable: true },
    { code: 452, message: 'Insufficient storage', retryable: true },
  ];
  for (const row of refusals) {
    test(`a ${row.code} from the server is ${row.retryable ? '' : 'not '}retryable`, async () => {
      const refusing = await startSmtpTestServer({ failWith: () => ({ code: row.code, message: row.message }) });
      try {
        const result = await emailNotifier.send(down, channel(refusing), ctx());
        assert.equal(result.ok, false);
        assert.equal(!result.ok && result.retryable, row.retryable);
        assert.equal(!result.ok && result.remoteStatus, row.code);
        assert.match(!result.ok ? result.error : '', new RegExp(`^SMTP ${row.code}: .*${row.message}`));
        assert.equal(refusing.rejected.length, 1);
        refusing.setFailure(null);
        assert.equal((await emailNotifier.send(down, channel(refusing), ctx())).ok, true);
      } finally {
        await refusing.close();
      }
    });
  }

  test('a server that is down is retryable', async () => {
    const gone = await startSmtpTestServer();
    await gone.close();
    const result = await emailNotifier.send(down, channel(gone), ctx());
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, true);
  });

  test('sendMail takes extra headers (subscriber mails: List-Unsubscribe)', async () => {
    const before = plain.messages.length;
    const result = await sendMail(
      channel(plain).smtp,
      {
        from: 'status@example.com',
        to: ['reader@example.org'],
        subject: 'Confirm your subscription',
        text: 'Click to confirm',
        html: '<p>Click to confirm</p>',
        headers: {
          'List-Unsubscribe': '<https://status.example.com/unsubscribe/t0k>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      },
      configGuard,
    );
    assert.equal(result.ok, true);
    const mail = (await plain.waitFor(before + 1))[before]!;
    assert.match(mail.raw, /^List-Unsubscribe: <https:\/\/status\.example\.com\/unsubscribe\/t0k>\r?$/m);
    assert.match(mail.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    assert.equal(mail.subject, 'Confirm your subscription');
  });

  test('one transport per SMTP config and egress guard', () => {
    const smtp = smtpFields.parse({ host: 'mail.example.com' });
    assert.equal(smtpTransportFor(smtp, configGuard), smtpTransportFor({ ...smtp }, configGuard));
    assert.notEqual(smtpTransportFor(smtp, configGuard), smtpTransportFor({ ...smtp, port: 2525 }, configGuard));
    assert.notEqual(smtpTransportFor(smtp, configGuard), smtpTransportFor(smtp, strict.guardFor('api')));
  });

  test('egress: a server on loopback is refused for an API channel before connecting (IP and name), allowed for a config one', async () => {
    const before = plain.connections();
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]']) {
      const result = await emailNotifier.send(down, channel(plain, { host }), {
        ...ctx(),
        egress: strict.guardFor('api'),
      });
      assert.equal(result.ok, false, host);
      assert.match(
        !result.ok ? result.error : '',
        /^refused by the egress policy: .* is a loopback address \(egress\.deny_private/,
        host,
      );
      assert.equal(!result.ok && result.retryable, false);
    }
    assert.equal(plain.connections(), before, 'no connection reached the SMTP server');
    assert.equal(
      (await emailNotifier.send(down, channel(plain), { ...ctx(), egress: strict.guardFor('config') })).ok,
      true,
    );
  });

  test('egress: the metadata address is refused even for a config channel', async () => {
    const result = await emailNotifier.send(down, channel(plain, { host: '169.254.169.254', port: 25 }), ctx());
    assert.match(
      !result.ok ? result.error : '',
      /^refused by the egress policy: 169\.254\.169\.254 is a cloud metadata address/,
    );
  });

  test('a closed port and a server that never answers read the same: no port-scanning oracle', async () => {
    const gone = await startSmtpTestServer();
    await gone.close();
    const refused = await emailNotifier.send(down, channel(gone), ctx());
    assert.deepEqual(refused, {
      ok: false,
      retryable: true,
      error: `ECONNECTION: could not connect to 127.0.0.1:${gone.port}`,
    });
    const silent = smtpFailure(
      Object.assign(
        new ConnectFailedError(
          '127.0.0.1',
          25,
          Object.assign(new Error('connect timed out after 15000 ms'), { code: 'ETIMEDOUT' }),
        ),
      ),
    );
    assert.deepEqual(silent, { ok: false, retryable: true, error: 'ECONNECTION: could not connect to 127.0.0.1:25' });
  });

  test('render: subject without line breaks; the same facts in text and HTML', () => {
    const d = describeEvent({ ...down, monitor: { ...down.monitor!, name: 'API\r\nBcc: x@evil.example' } });
    const { subject, text, html } = renderEmail(d, down.pageUrl);
    assert.equal(subject, '🔴 API Bcc: x@evil.example is down');
    for (const [label] of d.facts) {
      assert.ok(text.includes(`${label}: `), label);
      assert.ok(html.includes(`>${label}</th>`), label);
    }
  });

  test('messageIdFor keeps only msg-id characters', () => {
    assert.equal(messageIdFor('abc-123_X'), 'abc-123_X@pharos');
    assert.equal(messageIdFor('e:1 <x>@y'), 'e=3A1=20=3Cx=3E=40y@pharos');
  });

  test('schema: 1–50 recipients, addresses checked, user and pass together, strict', () => {
    const smtp = { host: 'mail.example.com' };
    assert.deepEqual(emailFields.parse({ to: ['a@example.com'], from: 'p@example.com', smtp }).smtp, {
      host: 'mail.example.com',
      port: 587,
      secure: false,
      starttls: 'required',
      tls_reject_unauthorized: true,
    });
    assert.equal(emailFields.safeParse({ to: [], from: 'p@example.com', smtp }).success, false);
    assert.equal(
      emailFields.safeParse({ to: Array(51).fill('a@example.com'), from: 'p@example.com', smtp }).success,
      false,
    );
    assert.equal(emailFields.safeParse({ to: ['not an address'], from: 'p@example.com', smtp }).success, false);
    assert.equal(
      emailFields.safeParse({ to: ['a@example.com'], from: { name: 'x\r\nBcc: y', address: 'p@example.com' }, smtp })
        .success,
      false,
    );
    assert.equal(
      emailFields.safeParse({ to: ['a@example.com'], from: 'p@example.com', smtp: { ...smtp, user: 'u' } }).success,
      false,
    );
    assert.equal(
      emailFields.safeParse({ to: ['a@example.com'], from: 'p@example.com', smtp: { ...smtp, starttls: 'maybe' } })
        .success,
      false,
    );
    assert.equal(emailFields.safeParse({ to: ['a@example.com'], from: 'p@example.com', smtp, bcc: [] }).success, false);
  });
});
