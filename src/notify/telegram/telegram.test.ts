import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Agent, type Dispatcher } from 'undici';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryContext } from '../notifier.ts';
import { renderTelegramMessage, telegramFields, telegramNotifier } from './index.ts';
import { escapeTelegramHtml } from './render-telegram-html.ts';
import { defaultEgressPolicy } from '../../egress/egress-policy.ts';

const TOKEN = '123456789:AAEhBP0av28o4fQ9TlqXkZLmvFJ_bcd-xyz';
const AT = Date.parse('2026-03-01T12:00:00Z');
const down: NotificationEvent = {
  id: 'e1',
  type: 'monitor.down',
  at: AT,
  pageUrl: 'https://status.example.com',
  components: [{ id: 'api', name: 'API <v2> & co', status: 'major_outage' }],
  monitor: {
    id: 'api-health',
    name: 'API <b>health</b>',
    status: 'down',
    previousStatus: 'up',
    since: AT - 60_000,
    lastError: 'expected "ok" & got <html>',
    url: 'https://status.example.com/admin/monitors/api-health?a=1&b="2"',
  },
};

describe('telegram notifier', () => {
  let rx: HttpReceiver;
  const dispatcher = new Agent();
  const ctx = (over: Partial<DeliveryContext> = {}): DeliveryContext => ({
    idempotencyKey: 'idem-1',
    signal: new AbortController().signal,
    dispatcher,
    egress: defaultEgressPolicy().guardFor('config'),
    now: () => AT,
    ...over,
  });
  const config = (extra: object = {}) =>
    telegramFields.parse({ bot_token: TOKEN, chat_id: -1001234567890, api_url: rx.url, ...extra });

  before(async () => {
    rx = await startHttpReceiver({ respond: { status: 200, body: { ok: true, result: { message_id: 1 } } } });
  });
  beforeEach(() => rx.clear());
  after(async () => {
    await rx.close();
    await dispatcher.close();
  });

  test('posts sendMessage to /bot<token>/ with escaped HTML', async () => {
    assert.deepEqual(await telegramNotifier.send(down, config({ message_thread_id: 42 }), ctx()), {
      ok: true,
      remoteStatus: 200,
    });
    const [req] = await rx.waitForRequests(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.path, `/bot${TOKEN}/sendMessage`);
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['idempotency-key'], 'idem-1');
    assert.deepEqual(req!.json, {
      chat_id: -1001234567890,
      message_thread_id: 42,
      text: [
        '<b>🔴 API &lt;b&gt;health&lt;/b&gt; is down</b>',
        'Down since 2026-03-01T11:59:00Z: expected &quot;ok&quot; &amp; got &lt;html&gt;',
        '',
        '<b>Since:</b> 2026-03-01T11:59:00Z',
        '<b>Last error:</b> expected &quot;ok&quot; &amp; got &lt;html&gt;',
        '<b>Components:</b> API &lt;v2&gt; &amp; co',
        '',
        '<a href="https://status.example.com/admin/monitors/api-health?a=1&amp;b=&quot;2&quot;">Open in Pharos</a>',
      ].join('\n'),
      parse_mode: 'HTML',
      disable_web_page_preview: true,
    });
  });

  test('only <b>, <a href> come from Pharos; no tag survives from the event', () => {
    const { text } = renderTelegramMessage(down, config());
    const tags = [...text.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(tags)].sort(), ['a', 'b']);
    assert.equal(escapeTelegramHtml(`<i>&"`), '&lt;i&gt;&amp;&quot;');
  });

  test("a huge digest stays below Telegram's 4096 characters", () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      ...down,
      id: `d${i}`,
      monitor: { ...down.monitor!, name: `monitor-${i}-${'x'.repeat(40)}` },
    }));
    const { text } = renderTelegramMessage({ ...down, digest: many }, config());
    assert.ok(text.length < 4096, `length ${text.length}`);
  });

  test('429 honours parameters.retry_after', async () => {
    rx.queueResponses({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 17',
        parameters: { retry_after: 17 },
      },
    });
    const result = await telegramNotifier.send(down, config(), ctx());
    assert.deepEqual(result, {
      ok: false,
      retryable: true,
      retryAfterMs: 17_000,
      error: 'Telegram 429: Too Many Requests: retry after 17',
      remoteStatus: 429,
      remoteBody:
        '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}}',
    });
  });

  test('400 chat not found is not retryable; a migrated group names its new chat id', async () => {
    rx.queueResponses(
      { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } },
      {
        status: 400,
        body: {
          ok: false,
          error_code: 400,
          description: 'Bad Request: group chat was upgraded to a supergroup chat',
          parameters: { migrate_to_chat_id: -1009876 },
        },
      },
    );
    const notFound = await telegramNotifier.send(down, config(), ctx());
    assert.equal(!notFound.ok && notFound.retryable, false);
    assert.equal(!notFound.ok && notFound.error, 'Telegram 400: Bad Request: chat not found');
    const migrated = await telegramNotifier.send(down, config(), ctx());
    assert.match(!migrated.ok ? migrated.error : '', /set chat_id to -1009876/);
  });

  test('5xx is retryable', async () => {
    rx.queueResponses({ status: 502, body: 'Bad Gateway' });
    const result = await telegramNotifier.send(down, config(), ctx());
    assert.equal(!result.ok && result.retryable, true);
  });

  test('the token never appears in a result: not from an echoing receiver, not from a network error', async () => {
    rx.queueResponses((req) => ({
      status: 401,
      body: { ok: false, error_code: 401, description: `Unauthorized ${req.path}` },
    }));
    const echoed = await telegramNotifier.send(down, config(), ctx());
    assert.equal(echoed.ok, false);
    assert.ok(!JSON.stringify(echoed).includes(TOKEN), JSON.stringify(echoed));
    assert.ok(!JSON.stringify(echoed).includes(TOKEN.split(':')[1]!));

    // a failing dispatcher (e.g. the egress guard) whose error quotes the URL
    const quoting = {
      dispatch(opts: Dispatcher.DispatchOptions) {
        throw Object.assign(new Error(`refused ${String(opts.origin)}${opts.path}`), { code: 'egress_denied' });
      },
    } as unknown as Dispatcher;
    const refused = await telegramNotifier.send(down, config(), ctx({ dispatcher: quoting }));
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.error : '', /^refused http:\/\/127\.0\.0\.1:\d+\/bot\[redacted\]\/sendMessage$/);
    assert.equal(!refused.ok && refused.retryable, false);
  });

  test('schema: token and chat id shapes, https or loopback http', () => {
    assert.equal(
      telegramFields.parse({ bot_token: TOKEN, chat_id: '@pharos_alerts' }).api_url,
      'https://api.telegram.org',
    );
    assert.equal(telegramFields.safeParse({ bot_token: 'nope', chat_id: 1 }).success, false);
    assert.equal(telegramFields.safeParse({ bot_token: TOKEN, chat_id: 'some chat' }).success, false);
    assert.equal(
      telegramFields.safeParse({ bot_token: TOKEN, chat_id: 1, api_url: 'http://tg.example.com' }).success,
      false,
    );
    assert.equal(telegramFields.safeParse({ bot_token: TOKEN, chat_id: 1, parse_mode: 'Markdown' }).success, false);
  });
});
