import { roleAllows, tokenAllows, type Permission, type Role, type TokenScope } from '../domain/access.ts';
import type { ActorType } from '../store/admin-store.ts';
import { AdminError } from './admin-error.ts';

/** Who is asking: a signed-in person, an API token, the CLI, or Pharos itself. */
export interface Actor {
  type: ActorType;
  /** the user (for a token: the token's owner); null for system */
  userId: string | null;
  /** email, "token <name> of <email>", "cli", "system" */
  label: string;
  role: Role;
  /** only for tokens */
  scopes?: readonly TokenScope[];
  tokenId?: string;
  ip: string | null;
}

export function allows(actor: Actor, permission: Permission): boolean {
  if (actor.type === 'user' && actor.userId === null) return false; // anonymous
  if (actor.type === 'token') return tokenAllows(actor.role, actor.scopes ?? [], permission);
  return roleAllows(actor.role, permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!allows(actor, permission)) {
    const who =
      actor.type === 'token'
        ? `this token (scopes: ${(actor.scopes ?? []).join(', ') || 'none'}) of a ${actor.role}`
        : `a ${actor.role}`;
    throw new AdminError('forbidden', `${who} may not do this (needs the "${permission}" permission)`);
  }
}

/** Who calls a route open to anyone (sign-in, setup): allowed nothing. */
export const anonymousActor = (ip: string | null): Actor => ({
  type: 'user',
  userId: null,
  label: 'anonymous',
  role: 'viewer',
  ip,
});

export const CLI_ACTOR: Actor = { type: 'cli', userId: null, label: 'cli', role: 'owner', ip: null };
export const SYSTEM_ACTOR: Actor = { type: 'system', userId: null, label: 'system', role: 'owner', ip: null };
