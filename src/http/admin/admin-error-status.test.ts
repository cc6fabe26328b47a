import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { z } from 'zod';
import { ADMIN_ERROR_CODES, AdminError } from '../../admin/admin-error.ts';
import type { ServiceContext } from '../../admin/service-context.ts';
import { OIDC_LOGIN_ERROR_CODES, OidcLoginError } from '../../auth/oidc/oidc-login-error.ts';
import { MONTH_PERIOD_ERROR_CODES, MonthPeriodError } from '../../domain/sla/month-period.ts';
import { EgressDeniedError } from '../../egress/egress-denied-error.ts';
import { SUBSCRIBER_ERROR_CODES, SubscriberError } from '../../notify/subscribers/subscriber-error.ts';
import { DuplicateError } from '../../store/store-errors.ts';
import { errorAnswer } from './admin-error-status.ts';
import { route } from './admin-route.ts';
import { registerAdminApi } from './register-admin-api.ts';

/** Every typed error that may reach HTTP, each code with the status and error code clients see. */
const cases: { name: string; make: () => Error; status: number; code: string }[] = [
  ...ADMIN_ERROR_CODES.map((code) => ({
    name: `AdminError ${code}`,
    make: () => new AdminError(code, 'x'),
    status: {
      invalid_input: 400,
      egress_denied: 400,
      unauthorized: 401,
      mfa_required: 401,
      forbidden: 403,
      csrf: 403,
      not_found: 404,
      conflict: 409,
      managed_by_config: 409,
      locked: 429,
      rate_limited: 429,
      owner_unavailable: 503,
    }[code],
    code,
  })),
  ...SUBSCRIBER_ERROR_CODES.map((code) => ({
    name: `SubscriberError ${code}`,
    make: () => new SubscriberError(code, 'x'),
    status: {
      invalid_input: 400,
      rate_limited: 429,
      not_available: 404,
      delivery_failed: 422,
      link_expired: 410,
      link_used: 410,
      link_unknown: 404,
      bad_signature: 403,
    }[code],
    code,
  })),
  ...OIDC_LOGIN_ERROR_CODES.map((code) => ({
    name: `OidcLoginError ${code}`,
    make: () => new OidcLoginError(code, 'x'),
    status: ['insecure_issuer', 'discovery_failed', 'userinfo_failed', 'provider_unreachable'].includes(code)
      ? 502
      : 401,
    code,
  })),
  ...MONTH_PERIOD_ERROR_CODES.map((code) => ({
    name: `MonthPeriodError ${code}`,
    make: () => new MonthPeriodError(code, 'x'),
    status: 400,
    code: 'invalid_input',
  })),
  {
    name: 'DuplicateError',
    make: () => new DuplicateError('an account with this email'),
    status: 409,
    code: 'conflict',
  },
  {
    name: 'EgressDeniedError',
    make: () => new EgressDeniedError({ address: '169.254.169.254', addressClass: 'metadata', reason: 'refused' }),
    status: 400,
    code: 'egress_denied',
  },
];

/** Error classes that never reach an HTTP answer, and why (a new class must be mapped or listed here). */
const NOT_HTTP: Record<string, string> = {
  ConfigError: 'the config file, read by the CLI and at boot',
  ChannelFormError:
    'a notifier without field texts: thrown when the admin page module loads (and by channel-form.test.ts)',
  BackupError: 'pharos backup / restore (CLI)',
  UnsupportedStorageUrlError: 'storage.url at boot',
  ConditionSyntaxError: 'turned into a zod issue when the config or API input is parsed',
  RecurrenceSyntaxError: 'turned into a zod issue when the config or API input is parsed',
  ConnectFailedError: 'a check result (the check failed), not a request',
  ImportError: 'pharos import-from (CLI): printed as its message, exit 1',
};

describe('every typed error reaches HTTP through one mapping, never as a 500', () => {
  test('each type and code has its status', () => {
    for (const c of cases) {
      const answer = errorAnswer(c.make());
      assert.ok(answer, `${c.name} is mapped`);
      assert.equal(answer.status, c.status, c.name);
      assert.equal(answer.code, c.code, c.name);
      assert.notEqual(answer.status, 500, c.name);
    }
  });

  test('a month period names the query field that was wrong', () => {
    assert.deepEqual(errorAnswer(new MonthPeriodError('invalid_time_zone', 'unknown time zone'))?.issues, [
      { path: 'query.time_zone', message: 'unknown time zone' },
    ]);
    assert.deepEqual(errorAnswer(new MonthPeriodError('future_month', 'not yet'))?.issues, [
      { path: 'query.month', message: 'not yet' },
    ]);
  });

  test('every error class in src/ is mapped or declared as never reaching HTTP', async () => {
    const mapped = new Set(cases.map((c) => c.make().constructor.name));
    const found: string[] = [];
    for (const entry of await readdir(join(import.meta.dirname, '../..'), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
      for (const m of text.matchAll(/class (\w+) extends Error\b/g)) found.push(m[1]!);
    }
    assert.ok(found.length >= mapped.size);
    for (const name of found)
      assert.ok(
        mapped.has(name) || name in NOT_HTTP,
        `${name}: map it in admin-error-status.ts (or say here why it never reaches HTTP)`,
      );
  });

  test('through the admin API: each answers its status with its code', async () => {
    const app = Fastify();
    const byName = new Map(cases.map((c) => [c.name, c]));
    const failing = route({
      method: 'GET',
      path: '/api/v1/fail',
      access: 'anyone',
      tag: 'Test',
      summary: 'throws the named error',
      query: z.object({ name: z.string() }),
      handle: async (_ctx, { query }) => {
        throw byName.get(query.name)!.make();
      },
    });
    // the route is open to anyone and throws before it touches the context
    registerAdminApi(
      app,
      { context: {} as Omit<ServiceContext, 'actor'>, secureCookies: false, rateLimitPerMinute: 1000 },
      [failing],
    );
    try {
      for (const c of cases) {
        const res = await app.inject({ method: 'GET', url: `/api/v1/fail?name=${encodeURIComponent(c.name)}` });
        assert.equal(res.statusCode, c.status, c.name);
        assert.equal(res.json().error, c.code, c.name);
      }
      const bug = route({
        ...failing,
        path: '/api/v1/bug',
        query: undefined,
        handle: async () => Promise.reject(new TypeError('a bug')),
      });
      const other = Fastify({ logger: false });
      registerAdminApi(
        other,
        { context: {} as Omit<ServiceContext, 'actor'>, secureCookies: false, rateLimitPerMinute: 1000 },
        [bug],
      );
      const res = await other.inject({ method: 'GET', url: '/api/v1/bug' });
      assert.deepEqual(
        [res.statusCode, res.json()],
        [500, { error: 'internal', message: 'internal error' }],
        'only an untyped error (a bug) is a 500, without its message',
      );
      await other.close();
    } finally {
      await app.close();
    }
  });
});
