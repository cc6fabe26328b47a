import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MISSING_ID, startAdminHarness, type AdminHarness } from '../support/admin-harness.ts';

/**
 * Many HTTP clients send `Content-Type: application/json` on every request, bodiless ones included. Such a request is
 * answered on its merits (404, 204, the route's own field error), never with fastify's "body cannot be empty" 400.
 */
describe('Content-Type: application/json with no body', () => {
  let h: AdminHarness;
  before(async () => (h = await startAdminHarness()));
  after(async () => h?.close());

  const json = { 'content-type': 'application/json' };

  test('an authenticated DELETE is answered on its merits: 404 for an unknown id, 204 when deleted', async () => {
    const missing = await h.call(h.root, 'DELETE', `/api/v1/tokens/${MISSING_ID}`, { headers: json });
    assert.equal(missing.status, 404, missing.body);
    const token = await h.newToken(h.users.admin.id, ['read']);
    const deleted = await h.call(h.root, 'DELETE', `/api/v1/tokens/${token.id}`, { headers: json });
    assert.equal(deleted.status, 204, deleted.body);
    assert.equal((await h.call(token, 'GET', '/api/v1/tokens')).status, 401, 'the token is revoked');
    // with a session (cookie and CSRF header) as well
    const session = await h.personSession('owner');
    const again = await h.call(session, 'DELETE', `/api/v1/incidents/${MISSING_ID}`, {
      headers: { ...json, 'content-length': '0' },
    });
    assert.equal(again.status, 404, again.body);
  });

  test('a POST that needs a body names the missing body instead; one that needs none works', async () => {
    const create = await h.call(h.root, 'POST', '/api/v1/components', { headers: json });
    assert.equal(create.status, 400);
    assert.equal(create.json().error, 'invalid_input');
    assert.match(create.body, /body/);
    const session = await h.personSession('viewer');
    const logout = await h.call(session, 'POST', '/api/v1/auth/logout', { headers: json });
    assert.ok(logout.status === 204 || logout.status === 200, `${logout.status} ${logout.body}`);
  });

  test('a body that is there is still parsed strictly', async () => {
    const broken = await h.call(h.root, 'POST', '/api/v1/components', {
      payload: '{"id": ',
      contentType: 'application/json',
    });
    assert.equal(broken.status, 400);
    const poisoned = await h.call(h.root, 'POST', '/api/v1/components', {
      payload: '{"id":"x","name":"X","__proto__":{"admin":true}}',
      contentType: 'application/json',
    });
    assert.equal(poisoned.status, 400, 'prototype poisoning is refused as before');
  });
});
