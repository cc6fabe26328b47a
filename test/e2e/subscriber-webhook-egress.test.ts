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
import { testCertificates } from '../support/test-certificates.ts';
import { adminToken } from '../support/admin-token.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Webhook endpoints chosen by the public reach public addresses only, over https, whatever `egress` says: here the
 * operator allows loopback for their own targets (`egress.allow`) and leaves `deny_private` off, and still no
 * subscriber request reaches the receivers on 127.0.0.1 (an https one that would answer, and a plain one standing in
 * for an internal API). Storage plays no part: SQLite only.
 */
describe('subscriber webhooks cannot reach loopback or private addresses', () => {
  let dir: string;
  let pharos: RunningPharos;
  /** https on 127.0.0.1 with a certificate for localhost and 127.0.0.1, its CA trusted: it would answer 200 */
  let rx: HttpReceiver;
  /** plain http on 127.0.0.1: an internal service */
  let internal: HttpReceiver;
  let token: string;
  let ip = 0;
  const defaultCAs = tls.getCACertificates('default');
  const subscribe = (endpoint: string) =>
    fetch(`${pharos.url}/api/v2/subscribers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++ip}` },
      body: JSON.stringify({ subscriber: { endpoint } }),
    });
  const reached = () => rx.requests.length + internal.requests.length;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-subscriber-egress-'));
    const certs = await testCertificates();
    tls.setDefaultCACertificates([...defaultCAs, certs.ca]);
    [rx, internal] = await Promise.all([startHttpReceiver({ tls: certs.localhost }), startHttpReceiver()]);
    const config = parseConfigText(
      `
title: Acme
server: { trust_proxy: [127.0.0.1] }
storage: { url: "sqlite:${join(dir, 'e.db')}" }
components:
  - { id: web, name: Website }
egress: { deny_private: false, allow: ["127.0.0.0/8", "::1"] }
subscribers: { enabled: true }
`,
      'egress.yaml',
      {},
    );
    pharos = await startPharos({
      config,
      port: 0,
      logger: createLogger(process.env.DEBUG_LOG ?? 'silent'),
      outbox: { pollMs: 50, backoffBaseMs: 50 },
    });
    token = await adminToken(pharos, config, 'egress-test');
  });
  after(async () => {
    await pharos?.close();
    await Promise.all([rx?.close(), internal?.close()]);
    tls.setDefaultCACertificates(defaultCAs);
    await rm(dir, { recursive: true, force: true });
  });

  test('plain http and literal non-public addresses: 400 naming subscriber.endpoint, nothing sent, nothing stored', async () => {
    const endpoints = [
      `http://127.0.0.1:${internal.port}/api/v1/users`,
      `https://127.0.0.1:${rx.port}/hook`,
      `https://2130706433:${rx.port}/hook`,
      `https://[::1]:${rx.port}/hook`,
      `https://[::ffff:127.0.0.1]:${rx.port}/hook`,
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/hook',
      'https://192.168.1.1/hook',
      'https://100.64.0.1/hook',
      'https://0.0.0.0/hook',
      'https://[fe80::1]/hook',
      'https://[fd00:ec2::254]/hook',
    ];
    for (const endpoint of endpoints) {
      const res = await subscribe(endpoint);
      assert.equal(res.status, 400, endpoint);
      const answer = (await res.json()) as { error: string; issues: { path: string }[] };
      assert.deepEqual(
        [answer.error, answer.issues.map((i) => i.path)],
        ['invalid_input', ['subscriber.endpoint']],
        endpoint,
      );
    }
    assert.equal(reached(), 0);
    assert.deepEqual(await pharos.store.admin.listSubscribers(), []);
  });

  test('a name that resolves to loopback: refused when connecting (after DNS), saying nothing of why', async () => {
    const byName = await subscribe(`https://localhost:${rx.port}/hook`);
    assert.equal(byName.status, 422);
    const answer = (await byName.json()) as { error: string; message: string };
    assert.equal(answer.error, 'delivery_failed');
    assert.match(answer.message, /^the endpoint did not accept the test delivery/);
    assert.doesNotMatch(answer.message, /127\.0\.0\.1|::1|loopback|egress|refused/);
    assert.equal(reached(), 0, 'the guard judged the resolved address: no connection');
    assert.equal(
      (await pharos.store.subscribers.findByTarget('webhook', `https://localhost:${rx.port}/hook`))?.confirmedAt,
      null,
    );
  });

  test('subscriptions stored before the fix (http, literal loopback, a name for loopback) get nothing; the outbox keeps no detail', async () => {
    const targets = [
      `http://127.0.0.1:${internal.port}/api/v1/users`,
      `https://127.0.0.1:${rx.port}/legacy`,
      `https://localhost:${rx.port}/legacy-name`,
    ];
    for (const [n, target] of targets.entries()) {
      await pharos.store.admin.createSubscriber({
        id: `legacy${n}`,
        kind: 'webhook',
        target,
        componentIds: [],
        confirmedAt: Date.now(),
        createdAt: Date.now(),
        pageSlug: '',
        pageAccess: null,
      });
    }
    await pharos.admin.catalogChanged();
    const res = await fetch(`${pharos.url}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Website down',
        status: 'investigating',
        impact: 'major',
        body: 'Looking into it.',
        components: [{ id: 'web', status: 'major_outage' }],
      }),
    });
    assert.equal(res.status, 201);
    for (const [n] of targets.entries()) {
      const row = await waitFor(`legacy${n} given up`, async () =>
        (await pharos.store.outbox.list({ targetId: `legacy${n}`, limit: 10 })).find((r) => r.state === 'dead'),
      );
      assert.equal(row.lastStatus, null);
      assert.doesNotMatch(`${row.lastError} ${row.lastBody ?? ''}`, /127\.0\.0\.1|loopback|HTTP \d/);
    }
    assert.equal(reached(), 0);
  });
});
