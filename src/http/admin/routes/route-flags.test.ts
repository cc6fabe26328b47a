import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginThrottle } from '../../../auth/login-throttle.ts';
import { adminRoutes } from './index.ts';

test('special cases are declared on the routes: only the TOTP step admits a session waiting for its second factor', () => {
  const routes = adminRoutes({ signIn: { ipThrottle: new LoginThrottle() }, issuer: 'test' });
  const pending = routes.filter((r) => r.acceptsPendingSecondFactor).map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(pending, ['POST /api/v1/auth/login/totp']);
  const totp = routes.find((r) => r.path === '/api/v1/auth/login/totp')!;
  assert.equal(totp.csrfExempt, true, 'it starts the full session, as the password step does');
});
