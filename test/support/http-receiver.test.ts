import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { startHttpReceiver, type HttpReceiver } from './http-receiver.ts';

/** The receiver other tests rely on: what it records, how its answers change, and that waiting is bounded. */
describe('http receiver', () => {
  let rx: HttpReceiver;
  before(async () => {
    rx = await startHttpReceiver();
  });
  after(() => rx.close());

  const post = async (path: string, body = '{"a":1}') => {
    const res = await request(`${rx.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
      body,
    });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  };

  test('records method, path, query, headers, raw and parsed body; answers 200 "ok"', async () => {
    rx.clear();
    assert.deepEqual((await post('/hook?a=1&b=two')).body, 'ok');
    const req = await rx.waitForRequest();
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/hook');
    assert.deepEqual(req.query, { a: '1', b: 'two' });
    assert.equal(req.url, '/hook?a=1&b=two');
    assert.equal(req.headers['x-test'], 'yes');
    assert.equal(req.body, '{"a":1}');
    assert.deepEqual(req.rawBody, Buffer.from('{"a":1}'));
    assert.deepEqual(req.json, { a: 1 });
  });

  test('a body that is not JSON has json undefined', async () => {
    rx.clear();
    await post('/', 'plain');
    assert.equal((await rx.waitForRequest()).json, undefined);
  });

  test('queued answers come first, then the responder; a function answers per request', async () => {
    rx.clear();
    rx.respondWith((req) => ({ status: req.path === '/a' ? 201 : 404, body: { path: req.path } }));
    rx.queueResponses({ status: 500 }, { status: 429, headers: { 'retry-after': '7' } });
    const first = await post('/a');
    const second = await post('/a');
    const third = await post('/a');
    const fourth = await post('/b');
    assert.deepEqual([first.status, first.body], [500, 'HTTP 500']);
    assert.deepEqual([second.status, second.headers['retry-after']], [429, '7']);
    assert.deepEqual([third.status, JSON.parse(third.body)], [201, { path: '/a' }]);
    assert.equal(fourth.status, 404);
    assert.equal((await rx.waitForRequests(4)).length, 4);
    rx.respondWith({ status: 200 });
  });

  test('waiting for more requests than arrive fails after the timeout', async () => {
    rx.clear();
    await assert.rejects(rx.waitForRequests(1, 50), /timed out after 50 ms waiting for 1 request\(s\); got 0/);
  });

  test('a delayed answer is held back; close() cuts it short', async () => {
    const slow = await startHttpReceiver({ respond: { status: 200, delayMs: 60_000 } });
    const pending = request(`${slow.url}/`, { method: 'POST', body: 'x' }).then(
      () => 'answered',
      () => 'cut',
    );
    await slow.waitForRequest();
    await slow.close();
    assert.equal(await pending, 'cut');
  });
});
