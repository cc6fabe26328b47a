import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { createLogger } from '../runtime/logger.ts';
import { echoRequestId, requestIdOptions } from './request-id.ts';

function appLoggingTo(lines: string[]) {
  const logger = createLogger('info', new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }));
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, ...requestIdOptions() });
  echoRequestId(app);
  app.get('/work', async (request) => {
    request.log.warn({ password: 'hunter2', nested: { token: 'tok-123', kept: 'visible' } }, 'doing the work');
    return { ok: true };
  });
  return app;
}

test('an X-Request-Id from the proxy is kept, echoed and on every log line of the request; secrets are redacted', async () => {
  const lines: string[] = [];
  const app = appLoggingTo(lines);
  const res = await app.inject({
    url: '/work',
    headers: { 'x-request-id': 'lb-7f3a.01', authorization: 'Bearer very-secret' },
  });
  assert.equal(res.headers['x-request-id'], 'lb-7f3a.01');
  const mine = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.requestId === 'lb-7f3a.01');
  assert.ok(mine.length >= 2, "incoming request, the handler's line and the completion");
  const all = lines.join('');
  for (const secret of ['hunter2', 'tok-123', 'very-secret'])
    assert.ok(!all.includes(secret), `${secret} must not reach the logs`);
  assert.ok(all.includes('visible'));
  await app.close();
});

test('a missing or unsafe request id is replaced by a fresh UUID', async () => {
  const app = appLoggingTo([]);
  for (const given of [undefined, 'x'.repeat(200), 'evil\\nline', 'a b']) {
    const res = await app.inject({ url: '/work', headers: given === undefined ? {} : { 'x-request-id': given } });
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, String(given));
  }
  await app.close();
});
