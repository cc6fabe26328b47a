import type { OidcRoleRule, OidcRoles } from '../../config/oidc-schema.ts';
import { ROLES, type Role } from '../../domain/access.ts';

/** What the role rules look at, taken from the ID token and userinfo. */
export interface OidcIdentityClaims {
  sub: string;
  email?: string | null;
  /** An email counts unless the provider says it is unverified (some providers never send this claim). */
  email_verified?: boolean | null;
  groups?: readonly string[] | null;
}

/** The highest role whose rule matches these claims; null when none does (the person may not sign in). */
export function roleForClaims(rules: OidcRoles, claims: OidcIdentityClaims): Role | null {
  // ROLES runs from the most to the least powerful.
  for (const role of ROLES) {
    const rule = rules[role];
    if (rule && ruleMatches(rule, claims)) return role;
  }
  return null;
}

export function ruleMatches(rule: OidcRoleRule, claims: OidcIdentityClaims): boolean {
  if (rule.subjects?.includes(claims.sub)) return true;
  if (
    claims.email &&
    claims.email_verified !== false &&
    rule.emails?.some((pattern) => emailMatches(pattern, claims.email!))
  )
    return true;
  const groups = claims.groups ?? [];
  return rule.groups?.some((g) => groups.includes(g)) ?? false;
}

/** `*@example.com` matches anyone at that exact domain (not its subdomains); otherwise the whole address. */
export function emailMatches(pattern: string, email: string): boolean {
  const p = pattern.toLowerCase();
  const e = email.trim().toLowerCase();
  if (p.startsWith('*@')) {
    const at = e.lastIndexOf('@');
    return at > 0 && e.slice(at + 1) === p.slice(2);
  }
  return e === p;
}
