import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Agent } from 'undici';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryContext } from '../notifier.ts';
import { escapeMarkdown, gotifyFields, gotifyNotifier, renderGotifyMessage } from './index.ts';
import { defaultEgressPolicy } from '../../egress/egress-policy.ts';

const TOKEN = 'AqXb7dU2kzL1p0Q';
const AT = Date.parse('2026-03-01T12:00:00Z');
const base = {
  at: AT,
  pageUrl: 'https://status.example.com',
  components: [{ id: 'api', name: 'API', status: 'major_outage' as const }],
};
const monitor = {
  id: 'api-health',
  name: 'API_health *prod*',
  previousStatus: 'up' as const,
  since: AT - 60_000,
  lastError: 'HTTP 503',
  url: 'https://status.example.com/admin/monitors/api-health',
};
const down: NotificationEvent = { ...base, id: 'e1', type: 'monitor.down', monitor: { ...monitor, status: 'down' } };
const up: NotificationEvent = {
  ...base,
  id: 'e2',
  type: 'monitor.up',
  monitor: { ...monitor, status: 'up', previousStatus: 'down', downtimeMs: 90_000 },
};
const scheduled: NotificationEvent = {
  ...base,
  id: 'e3',
  type: 'maintenance.scheduled',
  maintenance: {
    id: 'm1',
    title: 'DB',
    body: '',
    status: 'scheduled',
    start: AT,
    end: AT + 3_600_000,
    url: 'https://status.example.com/maintenance/m1',
  },
};

describe('gotify notifier', () => {
  let rx: HttpReceiver;
  const dispatcher = new Agent();
  const ctx = (): DeliveryContext => ({
    idempotencyKey: 'idem-1',
    signal: new AbortController().signal,
    dispatcher,
    egress: defaultEgressPolicy().guardFor('config'),
    now: () => AT,
  });
  const config = (extra: object = {}) =>
    gotifyFields.parse({ server: `${rx.url}/gotify/`, app_token: TOKEN, ...extra });

  before(async () => {
    rx = await startHttpReceiver({
      respond: { status: 200, body: { id: 1, appid: 1, message: 'x', title: 'x', priority: 8 } },
    });
  });
  beforeEach(() => rx.clear());
  after(async () => {
    await rx.close();
    await dispatcher.close();
  });

  test('posts to <server>/message with X-Gotify-Key, Markdown and a click URL', async () => {
    assert.deepEqual(await gotifyNotifier.send(down, config(), ctx()), { ok: true, remoteStatus: 200 });
    const [req] = await rx.waitForRequests(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/gotify/message');
    assert.equal(req!.headers['x-gotify-key'], TOKEN);
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['idempotency-key'], 'idem-1');
    assert.equal(req!.query.token, undefined, 'the token stays out of the URL');
    assert.deepEqual(req!.json, {
      title: '🔴 API_health *prod* is down',
      message: [
        'Down since 2026-03-01T11:59:00Z: HTTP 503',
        '',
        '- **Since:** 2026-03-01T11:59:00Z',
        '- **Last error:** HTTP 503',
        '- **Components:** API',
        '',
        '[Open in Pharos](<https://status.example.com/admin/monitors/api-health>)',
      ].join('\n'),
      priority: 8,
      extras: {
        'client::display': { contentType: 'text/markdown' },
        'client::notification': { click: { url: monitor.url } },
      },
    });
  });

  test('priority per severity, configurable', () => {
    assert.equal(renderGotifyMessage(up, config()).priority, 5);
    assert.equal(renderGotifyMessage(scheduled, config()).priority, 2);
    assert.equal(renderGotifyMessage(down, config({ priorities: { critical: 10 } })).priority, 10);
  });

  test('Markdown from the event is escaped; digest lines stay apart', () => {
    assert.equal(escapeMarkdown('a *b* _c_ [d](e) <f> `g` #h'), 'a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\#h');
    const digest = renderGotifyMessage({ ...down, digest: [down, up] }, config()).message;
    assert.match(digest, /^• API\\_health \\\*prod\\\* is down {2}\n• API\\_health \\\*prod\\\* is back up\n/);
  });

  const answers = [
    {
      status: 401,
      body: {
        error: 'Unauthorized',
        errorCode: 401,
        errorDescription: 'you need to provide a valid access token or user credentials to access this api',
      },
      retryable: false,
      error: 'Gotify 401: you need to provide a valid access token or user credentials to access this api',
    },
    {
      status: 400,
      body: { error: 'Bad Request', errorCode: 400, errorDescription: 'Field message is required' },
      retryable: false,
      error: 'Gotify 400: Field message is required',
    },
    { status: 429, body: 'slow down', retryable: true, error: 'HTTP 429' },
    { status: 500, body: 'oops', retryable: true, error: 'HTTP 500' },
  ];
  for (const row of answers) {
    test(`answer ${row.status}`, async () => {
      rx.queueResponses({ status: row.status, body: row.body });
      const result = await gotifyNotifier.send(down, config(), ctx());
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.retryable, row.retryable);
      assert.equal(!result.ok && result.error, row.error);
    });
  }

  test('the token never appears in a result', async () => {
    rx.queueResponses((req) => ({
      status: 403,
      body: {
        error: 'Forbidden',
        errorCode: 403,
        errorDescription: `bad token ${String(req.headers['x-gotify-key'])}`,
      },
    }));
    const result = await gotifyNotifier.send(down, config(), ctx());
    assert.equal(result.ok, false);
    assert.ok(!JSON.stringify(result).includes(TOKEN), JSON.stringify(result));
  });

  test('schema: server required, https or loopback http, priorities 0–10', () => {
    assert.equal(gotifyFields.safeParse({ app_token: TOKEN }).success, false);
    assert.equal(gotifyFields.safeParse({ server: 'http://gotify.lan', app_token: TOKEN }).success, false);
    assert.equal(gotifyFields.safeParse({ server: 'https://push.example.com', app_token: TOKEN }).success, true);
    assert.equal(
      gotifyFields.safeParse({ server: 'https://push.example.com', app_token: TOKEN, priorities: { info: 11 } })
        .success,
      false,
    );
  });
});
