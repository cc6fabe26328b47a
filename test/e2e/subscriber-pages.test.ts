import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import tls from 'node:tls';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import type { StoreDialect } from '../../src/store/schema.ts';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.ts';
import { stopTestPostgres, testDatabaseUrl } from '../support/postgres.ts';
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from '../support/smtp-test-server.ts';
import { testCertificates } from '../support/test-certificates.ts';
import { adminToken } from '../support/admin-token.ts';
import { waitFor } from '../support/wait-for.ts';

/** Admitted to the private page by its ip_allow (server.trust_proxy: X-Forwarded-For is the client address). */
const INSIDE = '203.0.113.5';
const OUTSIDE = '198.51.100.9';

interface IncidentPayload {
  incident?: {
    id: string;
    name: string;
    shortlink: string;
    components: { id: string }[];
    incident_updates: { affected_components: { code: string; name: string }[] | null }[];
  };
}

/**
 * A subscription belongs to the page it was made on: through a public page, only what that page shows (never a
 * private page's components); through a private page, only with its access. On SQLite and on PostgreSQL.
 */
for (const kind of ['sqlite', 'postgres'] as const satisfies readonly StoreDialect[]) {
  describe(`subscriptions belong to a page [${kind}]`, () => {
    let dir: string;
    let dropDatabase: (() => Promise<void>) | undefined;
    let pharos: RunningPharos;
    let smtp: SmtpTestServer;
    let rx: HttpReceiver;
    let token: string;
    const defaultCAs = tls.getCACertificates('default');

    const post = (path: string, body: unknown, opts: { ip?: string; form?: boolean; origin?: string } = {}) =>
      fetch(pharos.url + path, {
        method: 'POST',
        headers: {
          'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json',
          'x-forwarded-for': opts.ip ?? OUTSIDE,
          ...(opts.origin && { origin: opts.origin }),
        },
        body: opts.form ? String(body) : JSON.stringify(body),
      });
    const createIncident = async (name: string, componentIds: string[]) => {
      const res = await fetch(`${pharos.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name,
          status: 'investigating',
          impact: 'major',
          body: `${name}: we are looking into it.`,
          components: componentIds.map((id) => ({ id, status: 'major_outage' })),
        }),
      });
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as { id: string };
    };
    const mailsTo = (address: string) => smtp.messages.filter((m) => m.envelope.to.includes(address));
    const mailTo = (address: string, subject: string) =>
      waitFor(`mail "${subject}" to ${address}`, () => mailsTo(address).find((m) => m.subject?.includes(subject)));
    const hookOf = (path: string, name: string) =>
      waitFor(`${name} at ${path}`, () =>
        rx.requests.find((r) => r.path === path && (r.json as IncidentPayload).incident?.name === name),
      );
    const incidentsAt = (path: string) =>
      rx.requests
        .filter((r) => r.path === path)
        .map((r) => (r.json as IncidentPayload).incident?.name)
        .filter(Boolean);
    const confirm = async (mail: ReceivedMail) => {
      const link = /\/subscribers\/confirm\?token=([A-Za-z0-9_%-]+)/.exec(mail.text ?? '');
      assert.ok(link, mail.text);
      const res = await fetch(`${pharos.url}/subscribers/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${link[1]}`,
      });
      assert.equal(res.status, 200);
    };
    const stored = (kindOf: 'email' | 'webhook', target: string) =>
      pharos.store.subscribers.findByTarget(kindOf, target);

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pharos-subscriber-pages-'));
      const certs = await testCertificates();
      tls.setDefaultCACertificates([...defaultCAs, certs.ca]);
      [smtp, rx] = await Promise.all([startSmtpTestServer(), startHttpReceiver({ tls: certs.localhost })]);
      let url = `sqlite:${join(dir, 'p.db')}`;
      if (kind === 'postgres') {
        const db = await testDatabaseUrl();
        url = db.url;
        dropDatabase = db.drop;
      }
      const config = parseConfigText(
        `
title: Acme
server: { trust_proxy: [127.0.0.1] }
storage: { url: "${url}" }
components:
  - { id: web, name: Website }
  - { id: vault, name: Secret Vault }
pages:
  - { slug: status, title: Acme Status, default: true, components: [web] }
  - { slug: internal, title: Acme Internal, components: [web, vault], access: { ip_allow: ["203.0.113.0/24"] } }
subscribers:
  enabled: true
  email:
    smtp: { host: 127.0.0.1, port: ${smtp.port}, starttls: never }
    from: status@acme.test
  per_ip_per_hour: 1000
  webhook_allow: [127.0.0.1]
`,
        'subscriber-pages.yaml',
        {},
      );
      pharos = await startPharos({
        config,
        port: 0,
        logger: createLogger(process.env.DEBUG_LOG ?? 'silent'),
        outbox: { pollMs: 50, backoffBaseMs: 50 },
      });
      token = await adminToken(pharos, config, 'pages-test');
    });
    after(async () => {
      await pharos?.close();
      await Promise.all([smtp?.close(), rx?.close()]);
      tls.setDefaultCACertificates(defaultCAs);
      await dropDatabase?.();
      if (kind === 'postgres') await stopTestPostgres();
      await rm(dir, { recursive: true, force: true });
    });

    test('"everything" through /api/v2/subscribers is everything the default public page shows: no private incident, no private component', async () => {
      // the attack: an anonymous webhook and an email address for all components, through the site's root
      const hook = await post('/api/v2/subscribers', { subscriber: { endpoint: `${rx.url}/all` } });
      assert.equal(hook.status, 202, await hook.clone().text());
      assert.equal(((await hook.json()) as { status: string }).status, 'confirmed');
      assert.equal((await post('/api/v2/subscribers', { subscriber: { email: 'eve@example.com' } })).status, 202);
      const confirmation = await mailTo('eve@example.com', 'Confirm');
      assert.equal(confirmation.subject, '[Acme Status] Confirm your subscription');
      assert.doesNotMatch(`${confirmation.text}${confirmation.html}`, /Secret Vault|vault/);
      await confirm(confirmation);
      // a subscription from before subscriptions had pages: the page served at /
      await pharos.store.admin.createSubscriber({
        id: `legacy-${kind}`,
        kind: 'email',
        target: 'legacy@example.com',
        componentIds: [],
        confirmedAt: Date.now(),
        createdAt: Date.now(),
        pageSlug: '',
        pageAccess: null,
      });
      await pharos.admin.catalogChanged();

      const vaultOnly = await createIncident('Vault sealed', ['vault']);
      const both = await createIncident('Website and backend down', ['web', 'vault']);
      await createIncident('Website slow', ['web']);
      // rows for one subscriber go out in order: once the last has arrived, the earlier ones went before it (or never)
      await hookOf('/all', 'Website slow');
      const mixed = (await hookOf('/all', 'Website and backend down')).json as IncidentPayload;
      assert.deepEqual(
        incidentsAt('/all'),
        ['Website and backend down', 'Website slow'],
        'the incident on the private component alone is not sent',
      );
      assert.deepEqual(
        mixed.incident?.components.map((c) => c.id),
        ['web'],
      );
      assert.deepEqual(
        mixed.incident?.incident_updates[0]?.affected_components?.map((a) => a.code),
        ['web'],
      );
      assert.match(mixed.incident!.shortlink, new RegExp(`/incidents/${both.id}$`));
      assert.doesNotMatch(
        JSON.stringify(rx.requests.filter((r) => r.path === '/all').map((r) => r.json)),
        /vault|Vault/i,
      );

      for (const address of ['eve@example.com', 'legacy@example.com']) {
        await mailTo(address, 'Website slow');
        const mail = await mailTo(address, 'Website and backend down');
        assert.match(mail.text ?? '', /Components: Website\n/);
        assert.doesNotMatch(`${mail.text}${mail.html}`, /Secret Vault/);
        assert.equal(
          mailsTo(address).filter((m) => m.subject?.includes('Vault sealed')).length,
          0,
          `${address} hears nothing of the private incident`,
        );
      }
      const eve = (await stored('email', 'eve@example.com'))!;
      const rows = await pharos.store.outbox.list({ targetId: eve.id, limit: 100 });
      assert.ok(!rows.some((r) => r.event.incident?.id === vaultOnly.id), 'not even queued');
      assert.equal((await stored('webhook', `${rx.url}/all`))?.pageSlug, 'status', 'bound to the page served at /');
    });

    test('a private component id and an unknown one get the same answer, through / and through /status', async () => {
      for (const path of ['/api/v2/subscribers', '/status/api/v2/subscribers']) {
        const hidden = await post(path, { subscriber: { email: 'probe@example.com' }, components: ['vault'] });
        const unknown = await post(path, { subscriber: { email: 'probe@example.com' }, components: ['ghost'] });
        const answers = [
          [hidden.status, await hidden.text()],
          [unknown.status, await unknown.text()],
        ];
        assert.equal(answers[0]![0], 400, String(answers[0]![1]));
        assert.deepEqual(answers[0], answers[1]);
      }
      assert.equal(await stored('email', 'probe@example.com'), undefined);
    });

    test('the public page offers only its components and posts below itself; /status binds to that page', async () => {
      const root = await (await fetch(pharos.url + '/', { headers: { 'x-forwarded-for': OUTSIDE } })).text();
      assert.match(root, /<form class="sub-form" method="post" action="\/subscribe">/);
      assert.doesNotMatch(root, /value="vault"|Secret Vault/);
      const byslug = await (await fetch(pharos.url + '/status/', { headers: { 'x-forwarded-for': OUTSIDE } })).text();
      assert.match(byslug, /action="\/status\/subscribe"/);
      const res = await post(
        '/status/subscribe',
        new URLSearchParams([
          ['email', 'form@example.com'],
          ['components', 'web'],
        ]),
        { form: true },
      );
      assert.equal(res.status, 202);
      assert.deepEqual(
        [
          (await stored('email', 'form@example.com'))?.pageSlug,
          (await stored('email', 'form@example.com'))?.componentIds,
        ],
        ['status', ['web']],
      );
      assert.equal((await post('/nope/api/v2/subscribers', { subscriber: { email: 'x@example.com' } })).status, 404);
    });

    test('a private page: sign-up needs its access (and its own origin); its subscribers hear of its private components', async () => {
      const endpoint = `${rx.url}/internal`;
      const denied = await post(
        '/internal/api/v2/subscribers',
        { subscriber: { endpoint }, components: ['vault'] },
        { ip: OUTSIDE },
      );
      assert.equal(denied.status, 401);
      const deniedForm = await post('/internal/subscribe', new URLSearchParams({ email: 'mallory@example.com' }), {
        ip: OUTSIDE,
        form: true,
      });
      assert.equal(deniedForm.status, 401);
      // a site the admitted visitor opens cannot sign anyone up in their name
      const forged = await post(
        '/internal/subscribe',
        new URLSearchParams({ email: 'mallory@example.com', components: 'vault' }),
        { ip: INSIDE, form: true, origin: 'https://evil.example' },
      );
      assert.equal(forged.status, 403);
      assert.equal(await stored('webhook', endpoint), undefined);
      assert.equal(await stored('email', 'mallory@example.com'), undefined);
      assert.equal(rx.requests.filter((r) => r.path === '/internal').length, 0, 'no test delivery either');

      const page = await (await fetch(pharos.url + '/internal/', { headers: { 'x-forwarded-for': INSIDE } })).text();
      assert.match(page, /action="\/internal\/subscribe"/);
      assert.match(page, /value="vault"> Secret Vault/);
      const ok = await post(
        '/internal/api/v2/subscribers',
        { subscriber: { endpoint }, components: ['vault'] },
        { ip: INSIDE, origin: pharos.url },
      );
      assert.equal(ok.status, 202, await ok.clone().text());
      const sub = await stored('webhook', endpoint);
      assert.equal(sub?.pageSlug, 'internal');
      assert.ok(sub?.pageAccess, 'the access settings it was admitted under');
      assert.equal(
        (
          await post('/internal/subscribe', new URLSearchParams({ email: 'staff@example.com', components: 'vault' }), {
            ip: INSIDE,
            form: true,
          })
        ).status,
        202,
      );
      const mail = await mailTo('staff@example.com', 'Confirm');
      assert.equal(mail.subject, '[Acme Internal] Confirm your subscription');
      assert.match(mail.text ?? '', /for: Secret Vault/);

      const incident = await createIncident('Vault unsealed', ['vault']);
      const delivered = (await hookOf('/internal', 'Vault unsealed')).json as IncidentPayload;
      assert.deepEqual(
        delivered.incident?.incident_updates[0]?.affected_components?.map((a) => [a.code, a.name]),
        [['vault', 'Secret Vault']],
      );
      assert.match(delivered.incident!.shortlink, new RegExp(`/internal/incidents/${incident.id}$`));
    });
  });
}
