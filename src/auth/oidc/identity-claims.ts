/** The person an OpenID Connect sign-in proved, in the shape Pharos stores and maps to a role. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** null: the provider did not say */
  emailVerified: boolean | null;
  name: string | null;
  groups: string[];
}

type Claims = Readonly<Record<string, unknown>>;

/**
 * Reads the identity from the ID token's claims, with userinfo filling what the ID token left out
 * (many providers put only `sub` in the ID token when an access token is also issued).
 */
export function identityFromClaims(
  issuer: string,
  idToken: Claims & { sub: string },
  userinfo: Claims | null,
  groupsClaim: string,
): OidcIdentity {
  const claim = (name: string): unknown => idToken[name] ?? userinfo?.[name];
  return {
    issuer,
    subject: idToken.sub,
    email: stringOrNull(claim('email')),
    emailVerified: booleanOrNull(claim('email_verified')),
    name: stringOrNull(claim('name')) ?? stringOrNull(claim('preferred_username')),
    groups: groupsFrom(claim(groupsClaim)),
  };
}

/** A list of strings, or one string (some providers send a single group that way); anything else is no groups. */
export function groupsFrom(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (!Array.isArray(value)) return [];
  return value.filter((g): g is string => typeof g === 'string' && g !== '');
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Some providers send "true"/"false" as strings. */
function booleanOrNull(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}
