import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createIncident } from '../../src/admin/incidents.ts';
import type { ServiceContext } from '../../src/admin/service-context.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createEgressPolicy } from '../../src/egress/egress-policy.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server.ts';
import { waitFor } from '../support/wait-for.ts';

// Subscribers sign up on a web replica; the notices go out from a worker (it runs the outbox), which must know the
// pages to cut each notice to what its subscriber's page shows, although it serves no page itself.
let db: TestDatabase;
let smtp: SmtpTestServer;
let web: RunningPharos;
let worker: RunningPharos;
let egressConfig: Parameters<typeof createEgressPolicy>[0];

before(async () => {
  [db, smtp] = await Promise.all([testDatabaseUrl(), startSmtpTestServer()]);
  const config = parseConfigText(
    `
title: Acme
storage: { url: "${db.url}", batch_interval: 20ms }
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
`,
    'replicas.yaml',
    {},
  );
  egressConfig = config.egress;
  const outbox = { pollMs: 50, backoffBaseMs: 50 };
  worker = await startPharos({
    config,
    port: 0,
    role: 'worker',
    logger: createLogger('silent'),
    leases: { ttlMs: 1_000 },
    outbox,
  });
  web = await startPharos({ config, port: 0, role: 'web', logger: createLogger('silent'), outbox });
});

after(async () => {
  await web?.close();
  await worker?.close();
  await smtp?.close();
  await db?.drop();
  await stopTestPostgres();
});

const mailTo = (subject: string) =>
  waitFor(
    `mail "${subject}"`,
    () => smtp.messages.find((m) => m.envelope.to.includes('eve@example.com') && m.subject?.includes(subject)),
    15_000,
  );

test('a subscriber who signed up on a web replica hears from the worker, cut to its page', async () => {
  const signUp = await fetch(`${web.url}/api/v2/subscribers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subscriber: { email: 'eve@example.com' } }),
  });
  assert.equal(signUp.status, 202, await signUp.clone().text());
  const confirmation = await mailTo('Confirm');
  const token = /\/subscribers\/confirm\?token=([A-Za-z0-9_%-]+)/.exec(confirmation.text ?? '')?.[1];
  assert.ok(token, confirmation.text);
  const confirmed = await fetch(`${web.url}/subscribers/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${token}`,
  });
  assert.equal(confirmed.status, 200);

  const ctx: ServiceContext = {
    actor: CLI_ACTOR,
    store: web.store,
    bus: web.bus,
    runtime: web.admin,
    egress: createEgressPolicy(egressConfig),
    now: Date.now,
  };
  await createIncident(ctx, {
    name: 'Website and vault down',
    status: 'investigating',
    impact: 'major',
    body: 'Looking into it.',
    components: [
      { id: 'web', status: 'major_outage' },
      { id: 'vault', status: 'major_outage' },
    ],
  });
  const notice = await mailTo('Website and vault down');
  assert.match(notice.text ?? '', /Components: Website\n/);
  assert.doesNotMatch(`${notice.text}${notice.html}`, /Secret Vault/);
});
