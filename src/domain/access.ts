/**
 * Who may do what. Roles belong to people; scopes belong to API tokens. A token acts with the permissions
 * of its user's role narrowed to its scopes, so a token can never do more than the person who made it.
 */

export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * What a route needs:
 * - read: see everything in the admin (viewer and up; token scope read)
 * - operate: incidents, maintenance, components' manual status (editor and up; scope write)
 * - configure: pages, groups, components, monitors, channels, subscribers (admin and up; scope write)
 * - manage: users, every token, the audit log (admin and up; scope admin)
 * - own: owner accounts, (owner only; scope admin)
 */
export const PERMISSIONS = ['read', 'operate', 'configure', 'manage', 'own'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ['read', 'operate', 'configure', 'manage', 'own'],
  admin: ['read', 'operate', 'configure', 'manage'],
  editor: ['read', 'operate'],
  viewer: ['read'],
};

const SCOPE_PERMISSIONS: Record<TokenScope, readonly Permission[]> = {
  read: ['read'],
  write: ['read', 'operate', 'configure'],
  admin: ['read', 'operate', 'configure', 'manage', 'own'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** A token's permission: its user's role must allow it and one of its scopes must grant it. */
export function tokenAllows(role: Role, scopes: readonly TokenScope[], permission: Permission): boolean {
  return roleAllows(role, permission) && scopes.some((s) => SCOPE_PERMISSIONS[s].includes(permission));
}

/** An admin may not create, change or remove an owner, nor make someone an owner. */
export function mayAssignRole(actor: Role, target: Role): boolean {
  return target === 'owner' ? actor === 'owner' : roleAllows(actor, 'manage');
}
