/** What can go wrong in an admin service, mapped to an HTTP status once, at the edge (src/http/admin/admin-error-status.ts, with every other typed error). */
export const ADMIN_ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'csrf',
  'not_found',
  'conflict',
  'managed_by_config',
  'locked',
  'rate_limited',
  'mfa_required',
  'egress_denied',
  'owner_unavailable',
] as const;
export type AdminErrorCode = (typeof ADMIN_ERROR_CODES)[number];

export interface FieldIssue {
  /** e.g. body.monitors.0.url */
  path: string;
  message: string;
}

export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly extra: { issues?: FieldIssue[]; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

export const notFound = (what: string, id: string) => new AdminError('not_found', `no ${what} with id "${id}"`);

export const managedByConfig = (what: string, id: string) =>
  new AdminError(
    'managed_by_config',
    `${what} "${id}" is defined in the config file (managed_by: config); change it there, or give the API a new id`,
  );

export const invalidField = (path: string, message: string) =>
  new AdminError('invalid_input', `${path}: ${message}`, { issues: [{ path, message }] });
