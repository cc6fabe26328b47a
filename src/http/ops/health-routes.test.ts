import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.ts';

test('/readyz fails on any check; /readyz/serving only on the serving ones (draining), not on a database outage', async () => {
  const state = { storeDown: false, draining: false };
  const checks: ReadinessCheck[] = [
    { name: 'draining', serving: true, check: async () => (state.draining ? 'draining' : null) },
    { name: 'store', check: async () => (state.storeDown ? 'connect ECONNREFUSED' : null) },
    {
      name: 'hung',
      check: () => new Promise((resolve) => setTimeout(() => resolve(null), state.storeDown ? 5_000 : 0)),
    },
  ];
  const app = Fastify();
  registerHealthRoutes(app, checks);
  const status = async (url: string) => (await app.inject({ url })).statusCode;

  assert.deepEqual(
    [await status('/readyz'), await status('/readyz/serving'), await status('/healthz')],
    [200, 200, 200],
  );
  state.storeDown = true;
  const res = await app.inject({ url: '/readyz' });
  assert.equal(res.statusCode, 503);
  assert.deepEqual(res.json().checks, {
    draining: 'ok',
    store: 'connect ECONNREFUSED',
    hung: 'no answer within 2000 ms',
  });
  assert.equal(await status('/readyz/serving'), 200, 'still serving stale pages: keep it in the load balancer');
  state.draining = true;
  assert.equal(await status('/readyz/serving'), 503, 'draining: take it out');
  assert.equal(await status('/healthz'), 200);
  await app.close();
});
