import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { trustsProxy } from './trust-proxy.ts';

test('request.ip is the right-most X-Forwarded-For address that is not a trusted proxy', async () => {
  const rows: [setting: false | number | string[], socket: string, xff: string | undefined, client: string][] = [
    [false, '10.0.0.2', '198.51.100.1', '10.0.0.2'],
    [['10.0.0.0/8'], '10.0.0.2', '198.51.100.1', '198.51.100.1'],
    [['10.0.0.0/8'], '10.0.0.2', '10.1.1.1, 198.51.100.1', '198.51.100.1'],
    [['10.0.0.0/8'], '10.0.0.2', '198.51.100.9, 198.51.100.1, 10.0.0.3', '198.51.100.1'],
    [['10.0.0.0/8'], '203.0.113.5', '10.1.1.1', '203.0.113.5'],
    [['10.0.0.0/8'], '::ffff:10.0.0.2', '198.51.100.1', '198.51.100.1'],
    // 2002:a00:2:: is a 6to4 address that merely embeds 10.0.0.2: no connection from a trusted proxy
    [['10.0.0.0/8'], '2002:a00:2::1', '10.1.1.1', '2002:a00:2::1'],
    [['10.0.0.0/8'], '10.0.0.2', 'not-an-address, 198.51.100.1', '198.51.100.1'],
    [['10.0.0.0/8'], '10.0.0.2', undefined, '10.0.0.2'],
    [['fd00::/8', '127.0.0.1'], 'fd00::1', '2001:db8::7', '2001:db8::7'],
    [1, '203.0.113.5', '10.1.1.1, 198.51.100.1', '198.51.100.1'],
    [2, '203.0.113.5', '10.1.1.1, 198.51.100.1, 192.0.2.1', '198.51.100.1'],
    [2, '203.0.113.5', '192.0.2.1', '192.0.2.1'],
  ];
  for (const [setting, socket, xff, client] of rows) {
    const app = Fastify({ trustProxy: trustsProxy(setting) });
    app.get('/', async (request) => request.ip);
    const res = await app.inject({
      url: '/',
      remoteAddress: socket,
      headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    });
    assert.equal(res.body, client, `${JSON.stringify(setting)} ${socket} ← ${xff}`);
    await app.close();
  }
});
