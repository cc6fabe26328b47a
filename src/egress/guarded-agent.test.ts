import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetch, request, type Dispatcher } from 'undici';
import { startHttpTestServer, type HttpTestServer } from '../../test/support/http-test-server.ts';
import { egressSchema } from '../config/egress-schema.ts';
import { EgressDeniedError } from './egress-denied-error.ts';
import { createEgressPolicy } from './egress-policy.ts';
import { guardedDispatcher } from './guarded-agent.ts';

let server: HttpTestServer;
const dispatchers: Dispatcher[] = [];
const policy = createEgressPolicy(egressSchema.parse({ deny_private: true }));

function dispatcherFor(origin: 'config' | 'api'): Dispatcher {
  const dispatcher = guardedDispatcher(policy.guardFor(origin));
  dispatchers.push(dispatcher);
  return dispatcher;
}

before(async () => {
  server = await startHttpTestServer();
});
after(async () => {
  await Promise.all(dispatchers.map((d) => d.destroy()));
  await server.close();
});

describe('guardedDispatcher (outgoing webhooks)', () => {
  test('an API-defined webhook to 127.0.0.1 is refused without a connection', async () => {
    const before = server.connections();
    await assert.rejects(request(`${server.url}/status/200`, { dispatcher: dispatcherFor('api') }), (err: unknown) => {
      assert.ok(err instanceof EgressDeniedError);
      assert.equal(err.code, 'egress_denied');
      assert.match(err.message, /127\.0\.0\.1 is a loopback address/);
      return true;
    });
    assert.equal(server.connections(), before);
  });

  test('a name resolving to loopback is refused through the lookup', async () => {
    await assert.rejects(
      request(`http://localhost:${server.port}/status/200`, { dispatcher: dispatcherFor('api') }),
      /loopback address/,
    );
  });

  test('a config-defined webhook to the same server goes through', async () => {
    const response = await request(`http://localhost:${server.port}/status/204`, {
      dispatcher: dispatcherFor('config'),
    });
    assert.equal(response.statusCode, 204);
    await response.body.dump();
  });

  test('a redirect to the metadata address is refused by fetch at the hop', async () => {
    const url = `${server.url}/moved-to?url=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`;
    await assert.rejects(fetch(url, { dispatcher: dispatcherFor('config') }), (err: unknown) => {
      assert.ok(err instanceof TypeError);
      assert.ok(err.cause instanceof EgressDeniedError, String(err.cause));
      assert.match(err.cause.message, /169\.254\.169\.254 is a cloud metadata address/);
      return true;
    });
  });
});
