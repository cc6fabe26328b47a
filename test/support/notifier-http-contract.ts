import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Notifier } from '../../src/notify/notifier.ts';
import { startHttpReceiver, type HttpReceiver } from './http-receiver.ts';
import { monitorDownEvent, refusedUrl, testDeliveryContext } from './notification-fixtures.ts';

/**
 * What every HTTP notifier must do with a receiver's answers, run against each one: 2xx ok, 4xx final with the
 * remote status and body, 5xx and network errors retryable, 429's Retry-After honoured, the Idempotency-Key sent,
 * and never a throw. `configFor` gives the raw config (parsed here by the notifier's own schema) for a base URL.
 */
export function describeNotifierHttpContract(notifier: Notifier, configFor: (baseUrl: string) => unknown): void {
  describe(`${notifier.type}: HTTP delivery contract`, () => {
    let rx: HttpReceiver;
    before(async () => {
      rx = await startHttpReceiver();
    });
    after(() => rx.close());

    const send = async (baseUrl: string, key = 'evt-down-1:ch') => {
      const ctx = testDeliveryContext(key);
      try {
        return await notifier.send(monitorDownEvent, notifier.fields.parse(configFor(baseUrl)), ctx);
      } finally {
        await ctx.close();
      }
    };

    const cases = [
      { name: '200 is delivered', answer: { status: 200, body: 'ok' }, expect: { ok: true, remoteStatus: 200 } },
      { name: '204 is delivered', answer: { status: 204 }, expect: { ok: true, remoteStatus: 204 } },
      {
        name: '400 is final, with the remote status and body',
        answer: { status: 400, body: 'invalid_payload' },
        expect: { ok: false, retryable: false, remoteStatus: 400, remoteBody: 'invalid_payload' },
      },
      {
        name: '404 is final',
        answer: { status: 404, body: 'no_service' },
        expect: { ok: false, retryable: false, remoteStatus: 404 },
      },
      {
        name: '500 is retryable',
        answer: { status: 500, body: 'rollup_error' },
        expect: { ok: false, retryable: true, remoteStatus: 500 },
      },
      {
        name: '429 honours Retry-After',
        answer: { status: 429, headers: { 'retry-after': '7' }, body: 'rate_limited' },
        expect: { ok: false, retryable: true, remoteStatus: 429, retryAfterMs: 7000 },
      },
    ];
    for (const c of cases) {
      test(c.name, async () => {
        rx.clear();
        rx.queueResponses(c.answer);
        const result = await send(rx.url);
        const picked = Object.fromEntries(
          Object.keys(c.expect).map((k) => [k, (result as Record<string, unknown>)[k]]),
        );
        assert.deepEqual(picked, c.expect);
        assert.equal(rx.requests.length, 1);
      });
    }

    test('sends the idempotency key and JSON', async () => {
      rx.clear();
      await send(rx.url, 'evt-down-1:ops-channel');
      const req = await rx.waitForRequest();
      assert.equal(req.headers['idempotency-key'], 'evt-down-1:ops-channel');
      assert.match(req.headers['content-type'] ?? '', /^application\/json/);
      assert.equal(req.method, 'POST');
      assert.ok(req.json !== undefined, 'the body is JSON');
    });

    test('connection refused is a retryable error, not a throw', async () => {
      const result = await send(await refusedUrl());
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.retryable && result.error.length > 0);
    });
  });
}
