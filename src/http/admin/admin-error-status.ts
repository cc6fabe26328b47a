import type { AdminErrorCode } from '../../admin/admin-error.ts';

/** The one place an admin error becomes an HTTP status. */
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
};
