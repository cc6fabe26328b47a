import { AdminError, type AdminErrorCode, type FieldIssue } from '../../admin/admin-error.ts';
import { OidcLoginError, type OidcLoginErrorCode } from '../../auth/oidc/oidc-login-error.ts';
import { MonthPeriodError, type MonthPeriodErrorCode } from '../../domain/sla/month-period.ts';
import { EgressDeniedError } from '../../egress/egress-denied-error.ts';
import { SubscriberError, type SubscriberErrorCode } from '../../notify/subscribers/subscriber-error.ts';
import { DuplicateError } from '../../store/store-errors.ts';

/**
 * The one place a typed error becomes an HTTP status: the admin API, the public subscribe routes, single sign-on
 * and the app's own error handler all answer through `errorAnswer`. A typed error missing here would be a 500; the
 * table test (admin-error-status.test.ts) walks every type and code.
 */
export const ADMIN_ERROR_STATUS: Record<AdminErrorCode, number> = {
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
};

export const SUBSCRIBER_ERROR_STATUS: Record<SubscriberErrorCode, number> = {
  invalid_input: 400,
  rate_limited: 429,
  not_available: 404,
  delivery_failed: 422,
  link_expired: 410,
  link_used: 410,
  link_unknown: 404,
  bad_signature: 403,
};

/** The sign-in did not succeed (401), or the identity provider could not be used (502). */
export const OIDC_LOGIN_ERROR_STATUS: Record<OidcLoginErrorCode, number> = {
  pending_expired: 401,
  state_mismatch: 401,
  provider_error: 401,
  token_rejected: 401,
  response_invalid: 401,
  insecure_issuer: 502,
  discovery_failed: 502,
  userinfo_failed: 502,
  provider_unreachable: 502,
};

/** A month period comes only from the SLA report's query; each code names the field that was wrong. */
const MONTH_PERIOD_FIELD: Record<MonthPeriodErrorCode, string> = {
  invalid_month: 'query.month',
  future_month: 'query.month',
  invalid_time_zone: 'query.time_zone',
};

/** An error as HTTP answers it. */
export interface ErrorAnswer {
  status: number;
  /** stable, for clients: the error's code */
  code: string;
  message: string;
  issues?: FieldIssue[];
  retryAfterMs?: number;
}

/** The answer for a typed error (or fastify's own 4xx: bad JSON, a body too large); undefined: a bug, answered 500. */
export function errorAnswer(err: unknown): ErrorAnswer | undefined {
  if (err instanceof AdminError)
    return {
      status: ADMIN_ERROR_STATUS[err.code],
      code: err.code,
      message: err.message,
      issues: err.extra.issues,
      retryAfterMs: err.extra.retryAfterMs,
    };
  if (err instanceof SubscriberError)
    return {
      status: SUBSCRIBER_ERROR_STATUS[err.code],
      code: err.code,
      message: err.message,
      issues: err.issues.length > 0 ? err.issues : undefined,
    };
  if (err instanceof DuplicateError)
    return { status: ADMIN_ERROR_STATUS.conflict, code: 'conflict', message: err.message };
  if (err instanceof MonthPeriodError) {
    const path = MONTH_PERIOD_FIELD[err.code];
    return {
      status: ADMIN_ERROR_STATUS.invalid_input,
      code: 'invalid_input',
      message: `${path}: ${err.message}`,
      issues: [{ path, message: err.message }],
    };
  }
  if (err instanceof OidcLoginError)
    return { status: OIDC_LOGIN_ERROR_STATUS[err.code], code: err.code, message: err.message };
  // a denial may arrive wrapped by the HTTP client, as a plain error with the code
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown } | null;
  if (err instanceof EgressDeniedError || e?.code === 'egress_denied')
    return { status: ADMIN_ERROR_STATUS.egress_denied, code: 'egress_denied', message: String(e?.message) };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: e.statusCode,
      code: typeof e.code === 'string' ? e.code : 'bad_request',
      message: typeof e.message === 'string' ? e.message : 'bad request',
    };
  }
  return undefined;
}
