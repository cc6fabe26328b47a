import { OidcLogin } from '../../../auth/oidc/oidc-login.ts';
import type { OidcIdentity } from '../../../auth/oidc/identity-claims.ts';
import { roleForClaims, ruleMatches } from '../../../auth/oidc/role-mapping.ts';
import { isLoopbackHttpUrl, type OidcConfig, type OidcRoles } from '../../../config/oidc-schema.ts';
import type { PageAccessRule } from './page-access-rule.ts';

/**
 * Where the identity provider sends visitors of private pages back to. Not the admin's callback: the provider
 * must list this one as a redirect URI too (`<base_url>/_access/oidc/callback`).
 */
export const PAGE_SSO_CALLBACK_PATH = '/_access/oidc/callback';

/** Sign-in to private pages through the admin's OpenID Connect provider. */
export interface PageSso {
  login: OidcLogin;
  roles: OidcRoles;
  /** host (and port) of the redirect URI: the flow runs there, whatever domain the page is on */
  host: string;
  /** the sign-in button's text */
  label: string;
}

export function createPageSso(config: OidcConfig, baseUrl: () => string, now: () => number): PageSso {
  const login = new OidcLogin(
    { ...config, redirect_path: PAGE_SSO_CALLBACK_PATH },
    { baseUrl, allowInsecureIssuer: isLoopbackHttpUrl(new URL(config.issuer)), now },
  );
  return {
    login,
    roles: config.roles,
    get host() {
      return new URL(login.redirectUri).host;
    },
    label: config.button_label,
  };
}

/** The page's own email/group lists decide when it has them; otherwise anyone the admin role rules admit may look. */
export function identityMayView(
  rule: NonNullable<PageAccessRule['oidc']>,
  roles: OidcRoles,
  identity: OidcIdentity,
): boolean {
  const claims = {
    sub: identity.subject,
    email: identity.email,
    email_verified: identity.emailVerified,
    groups: identity.groups,
  };
  if (rule.emails.length > 0 || rule.groups.length > 0)
    return ruleMatches({ emails: [...rule.emails], groups: [...rule.groups] }, claims);
  return roleForClaims(roles, claims) !== null;
}
