import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { waitFor } from '../support/wait-for.ts';

/** The body of a GET; a live stream is read until its first event, then closed. */
function get(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
        if (String(res.headers['content-type']).startsWith('text/event-stream') && body.includes('\n\n')) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const json = async (base: string, path: string) => JSON.parse((await get(base, path)).body);

/** Everything a visitor can fetch of a page, by path under it. */
const PUBLIC_PATHS = [
  '/',
  '/history',
  '/api/v2/summary.json',
  '/api/v2/status.json',
  '/api/v2/components.json',
  '/api/v2/incidents.json',
  '/api/v2/incidents/unresolved.json',
  '/history.rss',
  '/history.atom',
  '/badge/checkout/status.svg',
  '/widget.js',
  '/widget',
  '/api/v2/stream',
];

/**
 * What visitors see of a real outage: one component of five refuses connections (its checks fail with
 * "connect ECONNREFUSED 127.0.0.1:<port>"), three answer, and a push monitor has never been pushed to.
 * The default page hides errors and judges the outage by its scope; the `ops` page opts in to errors and to a rule
 * where any major outage is critical.
 */
describe('what visitors see: errors, the outage scope, components without data', () => {
  let dir: string;
  let pharos: RunningPharos;
  let listening: Server;
  let closedPort: number;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-visitors-'));
    listening = createServer((s) => s.end());
    await new Promise<void>((r) => listening.listen(0, '127.0.0.1', r));
    const up = (listening.address() as { port: number }).port;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedPort = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const tcp = (id: string, port: number) =>
      `{ id: ${id}, type: tcp, host: 127.0.0.1, port: ${port}, interval: 1s, timeout: 500ms, failure_threshold: 1 }`;
    const config = parseConfigText(
      `
title: Acme
storage: { url: "sqlite:${join(dir, 'p.db')}" }
components:
  - { id: checkout, name: Checkout, monitors: [checkout-check] }
  - { id: web, name: Website, monitors: [web-check] }
  - { id: api, name: API, monitors: [api-check] }
  - { id: search, name: Search, monitors: [search-check] }
  - { id: nightly, name: Nightly export, monitors: [nightly-push] }
monitors:
  - ${tcp('checkout-check', closedPort)}
  - ${tcp('web-check', up)}
  - ${tcp('api-check', up)}
  - ${tcp('search-check', up)}
  - { id: nightly-push, type: push, token: nightly-token-0123456789, interval: 1h, grace: 1h }
pages:
  - { slug: status, title: Acme Status, default: true }
  - slug: ops
    title: Acme Ops
    public: { hide_errors: false, severity: { critical_share: 0 } }
`,
      'visitors.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
    await waitFor(
      'checkout down, the others up, an incident open',
      () =>
        pharos.board.stateOf('checkout-check').status === 'down' &&
        ['web-check', 'api-check', 'search-check'].every((m) => pharos.board.stateOf(m).status === 'up') &&
        pharos.board.openIncidents.size === 1,
      15_000,
    );
    await pharos.writer.flush();
    await pharos.snapshot.rebuild();
  });
  after(async () => {
    await pharos?.close();
    await new Promise((r) => listening?.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  test('the raw error is nowhere on a page that hides errors (the default): HTML, JSON, feeds, badges, widget, stream', async () => {
    const raw = new RegExp(`ECONNREFUSED|127\\.0\\.0\\.1|${closedPort}|Last error`);
    for (const path of PUBLIC_PATHS) {
      const res = await get(pharos.url, path);
      assert.equal(res.status, 200, path);
      assert.doesNotMatch(res.body, raw, path);
    }
    const [incident] = (await json(pharos.url, '/api/v2/incidents/unresolved.json')).incidents;
    const page = await get(pharos.url, `/incidents/${incident.id}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, raw);
  });

  test('the automatic incident speaks to visitors; the raw error stays with the operator', async () => {
    const [incident] = (await json(pharos.url, '/api/v2/incidents/unresolved.json')).incidents;
    assert.equal(incident.name, 'Checkout is not responding');
    assert.equal(incident.incident_updates.at(-1).body, 'Checkout is not responding.');
    // the operator still has it: the monitor's state (admin monitor overview, alerts) and its stored results
    assert.match(pharos.board.stateOf('checkout-check').lastError ?? '', /ECONNREFUSED/);
  });

  test('one component of five down is a partial system outage and a major incident, not a critical one', async () => {
    const summary = await json(pharos.url, '/api/v2/summary.json');
    assert.deepEqual(summary.status, { indicator: 'major', description: 'Partial System Outage' });
    assert.equal(summary.incidents[0].impact, 'major');
    const html = (await get(pharos.url, '/')).body;
    assert.match(html, /<section class="banner b-p" data-indicator="major"/);
    assert.match(html, /<h2 id="banner-title">Partial System Outage<\/h2>/);
    assert.doesNotMatch(html, /Major System Outage|Critical/);
  });

  test('a page with its own rule (critical_share: 0) calls the same outage major, and opted-in errors show', async () => {
    const summary = await json(pharos.url, '/ops/api/v2/summary.json');
    assert.deepEqual(summary.status, { indicator: 'critical', description: 'Major System Outage' });
    assert.equal(summary.incidents[0].impact, 'critical');
    const html = (await get(pharos.url, '/ops')).body;
    assert.match(html, /<h2 id="banner-title">Major System Outage<\/h2>/);
    assert.match(
      html,
      new RegExp(
        `<ul class="cerr" aria-label="Last errors"><li>checkout-check: <code>connect ECONNREFUSED 127\\.0\\.0\\.1:${closedPort}</code>`,
      ),
    );
  });

  test('a push monitor never pushed to is "No data yet" (grey), not operational, everywhere', async () => {
    const html = (await get(pharos.url, '/')).body;
    assert.match(
      html,
      /<li class="cmp" id="c-nightly" data-status="unknown">\n<div class="cmp-h"><h3 class="cn">Nightly export<\/h3><span class="st s-n"><i class="ic k-n" aria-hidden="true"><\/i>No data yet<\/span>/,
    );
    assert.doesNotMatch(html, /no data uptime/);
    const nightly = (await json(pharos.url, '/api/v2/components.json')).components.find(
      (c: { id: string }) => c.id === 'nightly',
    );
    // Statuspage has no "unknown": the status a component nobody has set reports, and no uptime showcase
    assert.equal(nightly.status, 'operational');
    assert.equal(nightly.showcase, false);
    const badge = (await get(pharos.url, '/badge/nightly/status.svg')).body;
    assert.match(badge, /no data yet/);
    assert.match(badge, /#9f9f9f/);
    const checkout = (await json(pharos.url, '/api/v2/components.json')).components.find(
      (c: { id: string }) => c.id === 'checkout',
    );
    assert.equal(checkout.showcase, true);
  });
});
