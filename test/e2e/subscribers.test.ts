import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import tls from 'node:tls';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.ts';
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from '../support/smtp-test-server.ts';
import { testCertificates } from '../support/test-certificates.ts';
import { adminToken } from '../support/admin-token.ts';
import { waitFor } from '../support/wait-for.ts';

const HOUR = 3_600_000;

describe('public subscribers through the real server, a real SMTP server and a webhook receiver', () => {
  let dir: string;
  let pharos: RunningPharos;
  let smtp: SmtpTestServer;
  /** an https receiver on 127.0.0.1 (its CA trusted by this process; the address exempted by subscribers.webhook_allow) */
  let rx: HttpReceiver;
  let token: string;
  const defaultCAs = tls.getCACertificates('default');
  /** the clock Pharos sees: moved forward to expire confirmation links */
  let clockOffset = 0;
  let ipCounter = 0;
  /** each request from its own client address (trust_proxy), so that only the per-IP test meets the per-IP limit */
  const freshIp = () => `198.51.100.${++ipCounter}`;

  const post = (path: string, body: unknown, opts: { ip?: string; form?: boolean } = {}) =>
    fetch(pharos.url + path, {
      method: 'POST',
      headers: {
        'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json',
        'x-forwarded-for': opts.ip ?? freshIp(),
      },
      body: opts.form ? String(body) : JSON.stringify(body),
    });
  const subscribeEmail = (email: string, components: string[] = [], ip?: string) =>
    post('/api/v2/subscribers', { subscriber: { email }, components }, { ip });
  const mailTo = (address: string, nth = 1) =>
    waitFor(`mail #${nth} to ${address}`, () => smtp.messages.filter((m) => m.envelope.to.includes(address))[nth - 1]);
  const mailsTo = (address: string) => smtp.messages.filter((m) => m.envelope.to.includes(address));
  const confirmPath = (mail: ReceivedMail) => {
    const m = /\/subscribers\/confirm\?token=[A-Za-z0-9_%-]+/.exec(mail.text ?? '');
    assert.ok(m, `no confirmation link in ${mail.text}`);
    return m[0];
  };
  /** what a person does: open the link (a page with a button), press the button (a form POST of the token) */
  const confirmVia = async (path: string) => {
    const shown = await fetch(pharos.url + path);
    assert.equal(shown.status, 200);
    const html = await shown.text();
    const form = /<form method="post" action="([^"]+)"><input type="hidden" name="token" value="([^"]+)">/.exec(html);
    assert.ok(form, html);
    return fetch(pharos.url + form[1], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: form[2]! }),
    });
  };
  /** List-Unsubscribe as sent (folded lines joined) */
  const listUnsubscribe = (mail: ReceivedMail) => {
    const header = /^List-Unsubscribe:([\s\S]*?)\r\n(?![ \t])/im.exec(mail.raw)?.[1]?.replace(/\r\n[ \t]+/g, ' ');
    return header?.trim() ?? '';
  };
  const pathOf = (url: string) => {
    const u = new URL(url);
    return u.pathname + u.search;
  };
  const createIncident = async (name: string, componentId: string) => {
    const res = await fetch(`${pharos.url}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        status: 'investigating',
        impact: 'major',
        body: `**${name}**: we are looking into it.`,
        components: [{ id: componentId, status: 'major_outage' }],
      }),
    });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return JSON.parse(text) as { id: string };
  };
  const subscriberId = async (kind: 'email' | 'webhook', target: string) =>
    (await pharos.store.subscribers.findByTarget(kind, target))?.id;
  /** outbox rows queued for a subscriber (they are written in the incident's own transaction) */
  const queuedFor = async (id: string) =>
    (await pharos.store.outbox.list({ targetId: id, limit: 100 })).map((r) => r.eventId);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-subscribers-'));
    const certs = await testCertificates();
    tls.setDefaultCACertificates([...defaultCAs, certs.ca]);
    [smtp, rx] = await Promise.all([startSmtpTestServer(), startHttpReceiver({ tls: certs.localhost })]);
    const config = parseConfigText(
      `
title: Acme
server: { trust_proxy: [127.0.0.1] }
storage: { url: "sqlite:${join(dir, 's.db')}" }
components:
  - { id: web, name: Website }
  - { id: db, name: Database }
subscribers:
  enabled: true
  email:
    smtp: { host: 127.0.0.1, port: ${smtp.port}, starttls: never }
    from: { name: Acme Status, address: status@acme.test }
  per_ip_per_hour: 5
  per_address_per_day: 3
  webhook_allow: [127.0.0.1]
`,
      'subscribers.yaml',
      {},
    );
    pharos = await startPharos({
      config,
      port: 0,
      logger: createLogger(process.env.DEBUG_LOG ?? 'silent'),
      now: () => Date.now() + clockOffset,
      outbox: { pollMs: 50, backoffBaseMs: 50 },
    });
    token = await adminToken(pharos, config, 'subscribers-test');
  });
  after(async () => {
    await pharos?.close();
    await Promise.all([smtp?.close(), rx?.close()]);
    tls.setDefaultCACertificates(defaultCAs);
    await rm(dir, { recursive: true, force: true });
  });

  test('the status page offers the form: email, component checkboxes, a hidden honeypot, no inline script', async () => {
    const page = await (await fetch(pharos.url + '/')).text();
    assert.match(page, /<form class="sub-form" method="post" action="\/subscribe">/);
    assert.match(page, /<input type="checkbox" name="components" value="web"> Website/);
    assert.match(page, /<input type="checkbox" name="components" value="db"> Database/);
    assert.match(
      page,
      /<p class="vh"><label for="sub-website">Leave this field empty<\/label><input id="sub-website" name="website" type="text" tabindex="-1"/,
    );
    assert.doesNotMatch(page, /<script(?![^>]*(src=|type="application\/json"))/);
  });

  test('JSON sign-up: 202, a confirmation mail (subject, text and HTML parts, the link); its button confirms once, then 410', async () => {
    const res = await subscribeEmail('Alice@Example.com', ['web']);
    assert.equal(res.status, 202, await res.clone().text());
    assert.equal(((await res.json()) as { status: string }).status, 'pending');
    const mail = await mailTo('alice@example.com');
    assert.equal(mail.subject, '[Acme] Confirm your subscription');
    assert.equal(mail.from?.value[0]?.address, 'status@acme.test');
    assert.match(mail.text ?? '', /updates from Acme at this address, for: Website/);
    const path = confirmPath(mail);
    assert.ok(
      typeof mail.html === 'string' &&
        mail.html.includes(`${path.replace(/&/g, '&amp;')}">Confirm your subscription</a>`),
      'the HTML part links the same URL',
    );
    assert.equal((await pharos.store.subscribers.findByTarget('email', 'alice@example.com'))?.confirmedAt, null);

    // a mail scanner follows the link: a GET shows the button and confirms nothing
    for (let i = 0; i < 2; i++) {
      const scanned = await fetch(pharos.url + path);
      assert.equal(scanned.status, 200);
      assert.match(await scanned.text(), /<button type="submit">Confirm subscription<\/button>/);
    }
    assert.equal(
      (await pharos.store.subscribers.findByTarget('email', 'alice@example.com'))?.confirmedAt,
      null,
      'a GET confirms nothing',
    );

    const confirmed = await confirmVia(path);
    assert.equal(confirmed.status, 200);
    assert.match(confirmed.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await confirmed.text(), /<h1>Subscription confirmed<\/h1>/);
    assert.ok((await pharos.store.subscribers.findByTarget('email', 'alice@example.com'))?.confirmedAt);

    const again = await confirmVia(path);
    assert.equal(again.status, 410);
    assert.match(await again.text(), /Link already used/);
    assert.equal((await confirmVia('/subscribers/confirm?token=phc_nope')).status, 404);
  });

  test('form sign-up: an HTML answer, then the mail and its link', async () => {
    const res = await post(
      '/subscribe',
      new URLSearchParams([
        ['email', 'bob@example.com'],
        ['components', 'db'],
        ['website', ''],
      ]),
      { form: true },
    );
    assert.equal(res.status, 202);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await res.text(), /<h1>Check your inbox<\/h1>/);
    const mail = await mailTo('bob@example.com');
    assert.match(mail.text ?? '', /for: Database/);
    assert.equal((await confirmVia(confirmPath(mail))).status, 200);
    assert.deepEqual((await pharos.store.subscribers.findByTarget('email', 'bob@example.com'))?.componentIds, ['db']);
  });

  test('webhook sign-up: a test POST to the https endpoint, confirmed on 2xx; a failing one is refused (422) without saying how it failed', async () => {
    const res = await post('/api/v2/subscribers', { subscriber: { endpoint: `${rx.url}/hook` } });
    assert.equal(res.status, 202);
    assert.equal(((await res.json()) as { status: string }).status, 'confirmed');
    const testPost = rx.requests.find((r) => r.path === '/hook');
    const body = testPost?.json as {
      meta: { unsubscribe: string };
      page: { id: string; status_indicator: string };
      test: { subscriber_id: string };
    };
    assert.match(body.meta.unsubscribe, /\/subscribers\/unsubscribe\?s=[^&]+&sig=/);
    assert.equal(body.page.status_indicator, 'none');
    assert.ok((await pharos.store.subscribers.get(body.test.subscriber_id))?.confirmedAt);

    rx.respondWith((r) => ({ status: r.path === '/broken' ? 500 : r.path === '/missing' ? 404 : 200 }));
    const broken = await post('/api/v2/subscribers', {
      subscriber: { endpoint: `${rx.url}/broken` },
      components: ['web'],
    });
    assert.equal(broken.status, 422);
    const answer = await broken.text();
    assert.doesNotMatch(answer, /500/);
    assert.equal((await pharos.store.subscribers.findByTarget('webhook', `${rx.url}/broken`))?.confirmedAt, null);
    // an answering 404, an answering 500 and nothing listening: one answer (no oracle of what is there)
    const closed = await startHttpReceiver();
    await closed.close();
    const missing = await post('/api/v2/subscribers', { subscriber: { endpoint: `${rx.url}/missing` } });
    const silent = await post('/api/v2/subscribers', {
      subscriber: { endpoint: `https://127.0.0.1:${closed.port}/hook` },
    });
    assert.deepEqual([missing.status, await missing.text()], [422, answer]);
    assert.deepEqual([silent.status, await silent.text()], [422, answer]);
    // no redirect is followed: an endpoint cannot bounce the request to an internal service
    const inside = await startHttpReceiver();
    rx.respondWith({ status: 307, headers: { location: `http://127.0.0.1:${inside.port}/api/v1/users` } });
    const bounced = await post('/api/v2/subscribers', { subscriber: { endpoint: `${rx.url}/bounce` } });
    assert.deepEqual([bounced.status, await bounced.text()], [422, answer]);
    assert.equal(inside.requests.length, 0);
    await inside.close();
    rx.respondWith({ status: 200 });
  });

  test('an incident reaches the subscribers of its components: mail with List-Unsubscribe headers, Statuspage-like webhook', async () => {
    const aliceId = (await subscriberId('email', 'alice@example.com'))!;
    const bobId = (await subscriberId('email', 'bob@example.com'))!;
    const incident = await createIncident('Website unreachable', 'web');

    const mail = await mailTo('alice@example.com', 2);
    assert.equal(mail.subject, '[Acme] New incident: Website unreachable');
    assert.match(mail.text ?? '', /Status: investigating\nImpact: major\nComponents: Website/);
    assert.match(mail.text ?? '', new RegExp(`View the incident: http://\\S+/incidents/${incident.id}`));
    assert.match(mail.html as string, /<strong>Website unreachable<\/strong>: we are looking into it\./);
    assert.match(mail.html as string, /Unsubscribe<\/a>/);
    const unsubscribe = listUnsubscribe(mail);
    assert.match(unsubscribe, new RegExp(`^<http://\\S+/subscribers/unsubscribe\\?s=${aliceId}&sig=[A-Za-z0-9_-]+>$`));
    assert.match(mail.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    assert.ok((mail.text ?? '').includes(unsubscribe.slice(1, -1)), 'the text part carries the same link');

    const delivery = await waitFor('the webhook delivery', () =>
      rx.requests.find((r) => r.path === '/hook' && (r.json as { incident?: unknown }).incident),
    );
    const payload = delivery.json as {
      meta: { unsubscribe: string; documentation: string };
      page: { id: string; status_indicator: string; status_description: string };
      incident: {
        id: string;
        name: string;
        status: string;
        impact: string;
        shortlink: string;
        created_at: string;
        incident_updates: {
          status: string;
          body: string;
          affected_components: { code: string; new_status: string }[];
        }[];
      };
    };
    assert.equal(delivery.headers['content-type'], 'application/json');
    assert.match(payload.meta.unsubscribe, /\/subscribers\/unsubscribe\?s=/);
    assert.ok(payload.meta.documentation.startsWith('https://'));
    // Website is in major outage, one component of several: a partial system outage (Statuspage's rule), whether or
    // not the page was rebuilt yet
    assert.deepEqual(
      [payload.page.status_indicator, payload.page.status_description],
      ['major', 'Partial System Outage'],
    );
    assert.equal(payload.incident.id, incident.id);
    assert.equal(payload.incident.name, 'Website unreachable');
    assert.equal(payload.incident.status, 'investigating');
    assert.equal(payload.incident.impact, 'major');
    assert.match(payload.incident.shortlink, new RegExp(`/incidents/${incident.id}$`));
    assert.equal(payload.incident.incident_updates.length, 1);
    assert.deepEqual(
      payload.incident.incident_updates[0]!.affected_components.map((a) => [a.code, a.new_status]),
      [['web', 'major_outage']],
    );

    // Bob chose Database only: nothing was queued for him
    assert.deepEqual(await queuedFor(bobId), []);
    assert.equal(mailsTo('bob@example.com').length, 1);
  });

  test('one-click unsubscribe: GET shows a button, a bad signature is 403, POST unsubscribes; later incidents skip the address', async () => {
    const aliceId = (await subscriberId('email', 'alice@example.com'))!;
    const link = pathOf(listUnsubscribe(await mailTo('alice@example.com', 2)).slice(1, -1));
    const page = await fetch(pharos.url + link);
    assert.equal(page.status, 200);
    assert.match(
      await page.text(),
      /<form method="post" action="\/subscribers\/unsubscribe\?s=[^"]+"><p><button type="submit">Unsubscribe<\/button>/,
    );
    const forged = link.replace(/sig=[^&]+/, 'sig=AAAA');
    assert.equal((await fetch(pharos.url + forged)).status, 403);
    assert.equal(
      (
        await fetch(pharos.url + forged, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        })
      ).status,
      403,
    );
    assert.ok(await pharos.store.subscribers.get(aliceId));

    // what a mail client sends (RFC 8058)
    const done = await fetch(pharos.url + link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /<h1>Unsubscribed<\/h1>/);
    assert.equal(await pharos.store.subscribers.get(aliceId), undefined);
    assert.equal(
      (
        await fetch(pharos.url + link, {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=x' },
          body: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
        })
      ).status,
      200,
      'twice is harmless',
    );

    const hooksBefore = rx.requests.filter((r) => r.path === '/hook').length;
    const rowsBefore = await queuedFor(aliceId);
    await createIncident('Website slow again', 'web');
    await waitFor(
      'the webhook delivery of the second incident',
      () => rx.requests.filter((r) => r.path === '/hook').length > hooksBefore,
    );
    assert.deepEqual(await queuedFor(aliceId), rowsBefore, 'no row for the removed subscriber');
    assert.equal(mailsTo('alice@example.com').length, 2);
  });

  test('per-component preferences: an incident on Database reaches Bob (and the webhook for all components)', async () => {
    await createIncident('Database failover', 'db');
    const mail = await mailTo('bob@example.com', 2);
    assert.equal(mail.subject, '[Acme] New incident: Database failover');
    assert.match(mail.text ?? '', /Components: Database/);
    await waitFor('the webhook delivery', () =>
      rx.requests.find((r) => (r.json as { incident?: { name?: string } }).incident?.name === 'Database failover'),
    );
  });

  test('the honeypot: 202 as usual, nothing stored, no mail', async () => {
    const res = await post('/api/v2/subscribers', {
      subscriber: { email: 'bot@example.com' },
      website: 'http://spam.example',
    });
    assert.equal(res.status, 202);
    assert.equal(((await res.json()) as { status: string }).status, 'pending');
    const form = await post('/subscribe', new URLSearchParams({ email: 'bot2@example.com', website: 'x' }), {
      form: true,
    });
    assert.equal(form.status, 202);
    assert.equal(await subscriberId('email', 'bot@example.com'), undefined);
    assert.equal(await subscriberId('email', 'bot2@example.com'), undefined);
    // a later real sign-up's mail arrives after them: nothing was sent to the bots
    await subscribeEmail('after-bot@example.com');
    await mailTo('after-bot@example.com');
    assert.equal(smtp.messages.filter((m) => m.envelope.to.some((to) => /^bot2?@example\.com$/.test(to))).length, 0);
  });

  test('bad input: 400 with field paths', async () => {
    const rows: [unknown, string][] = [
      [{ subscriber: { email: 'not-an-address' } }, 'subscriber.email'],
      [{ subscriber: {} }, 'subscriber'],
      [{ subscriber: { email: 'x@example.com', endpoint: 'https://hooks.example.com' } }, 'subscriber'],
      [{ subscriber: { endpoint: 'http://hooks.example.com/plain' } }, 'subscriber.endpoint'],
      [{ subscriber: { endpoint: 'http://127.0.0.1:3100/api/v1/users' } }, 'subscriber.endpoint'],
      [{ subscriber: { email: 'x@example.com' }, components: ['ghost'] }, 'components.0'],
      [{ subscriber: { email: 'x@example.com' }, components: 'web' }, 'components'],
      [{ subscriber: { email: 'x@example.com' }, extra: 1 }, '(body)'],
    ];
    for (const [body, path] of rows) {
      const res = await post('/api/v2/subscribers', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const answer = (await res.json()) as { error: string; issues: { path: string }[] };
      assert.equal(answer.error, 'invalid_input');
      assert.ok(
        answer.issues.some((i) => i.path === path),
        `${JSON.stringify(body)}: ${JSON.stringify(answer.issues)}`,
      );
    }
    assert.equal(await subscriberId('email', 'x@example.com'), undefined);
  });

  test('the same address twice: one row, a new link (the old one stops working), 429 past the per-address limit', async () => {
    assert.equal((await subscribeEmail('dana@example.com', ['web'])).status, 202);
    const first = confirmPath(await mailTo('dana@example.com', 1));
    assert.equal((await subscribeEmail('dana@example.com', ['db'])).status, 202);
    const second = confirmPath(await mailTo('dana@example.com', 2));
    assert.notEqual(first, second);
    assert.equal((await pharos.store.admin.listSubscribers()).filter((s) => s.target === 'dana@example.com').length, 1);
    assert.equal((await subscribeEmail('dana@example.com')).status, 202);
    await mailTo('dana@example.com', 3);
    const limited = await subscribeEmail('dana@example.com');
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { error: string }).error, 'rate_limited');
    assert.equal(mailsTo('dana@example.com').length, 3);

    assert.equal((await confirmVia(first)).status, 404, 'the replaced link');
    assert.equal((await confirmVia(confirmPath(mailsTo('dana@example.com')[2]!))).status, 200);
    assert.deepEqual((await pharos.store.subscribers.findByTarget('email', 'dana@example.com'))?.componentIds, []);
  });

  test('per client address: 429 after per_ip_per_hour sign-ups, whatever they were', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 5; i++)
      assert.equal((await post('/api/v2/subscribers', { subscriber: { email: 'not valid' } }, { ip })).status, 400);
    const limited = await subscribeEmail('erin@example.com', [], ip);
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { error: string }).error, 'rate_limited');
    assert.equal(
      (await post('/subscribe', new URLSearchParams({ email: 'erin@example.com' }), { form: true, ip })).status,
      429,
    );
    assert.equal(await subscriberId('email', 'erin@example.com'), undefined);
    assert.equal((await subscribeEmail('erin@example.com')).status, 202, 'another address is not limited');
  });

  test('an expired confirmation link: 410 and a clear page; subscribing again sends a working one', async () => {
    assert.equal((await subscribeEmail('frank@example.com')).status, 202);
    const path = confirmPath(await mailTo('frank@example.com'));
    clockOffset += 25 * HOUR;
    const expired = await confirmVia(path);
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /<h1>Link expired<\/h1>[\s\S]*subscribe again/);
    assert.equal((await pharos.store.subscribers.findByTarget('email', 'frank@example.com'))?.confirmedAt, null);
    assert.equal((await subscribeEmail('frank@example.com')).status, 202);
    assert.equal((await confirmVia(confirmPath(await mailTo('frank@example.com', 2)))).status, 200);
  });
});
