/**
 * What one Pharos process does (`pharos start --role`): `web` serves the public page, the APIs and the admin; `worker`
 * runs checks and the notification outbox (sharing monitors with other workers by lease) and answers only the ops
 * routes; `all` does both. Any number of each can run against one PostgreSQL database.
 */
export const ROLES = ['all', 'web', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** runs checks, the result pipeline, the outbox worker and a lease manager */
export function runsChecks(role: Role): boolean {
  return role !== 'web';
}

/** serves the public page, the public APIs and the admin */
export function servesWeb(role: Role): boolean {
  return role !== 'worker';
}
