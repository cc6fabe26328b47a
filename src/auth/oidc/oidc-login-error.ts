/** Why an OpenID Connect sign-in failed; the admin's login page maps these to a message, never a 500. */
export const OIDC_LOGIN_ERROR_CODES = [
  /** a plain-http issuer without `allowInsecureIssuer`, or `allowInsecureIssuer` for a non-loopback issuer */
  'insecure_issuer',
  /** the issuer's discovery document could not be fetched or is invalid */
  'discovery_failed',
  /** the sign-in was started more than the allowed time ago */
  'pending_expired',
  /** the callback's state is not the one this browser started with */
  'state_mismatch',
  /** the provider answered with an error (access_denied, login_required, ...) */
  'provider_error',
  /** the token endpoint refused the code (wrong PKCE verifier, reused or expired code, bad client credentials) */
  'token_rejected',
  /** the callback or the tokens failed validation (nonce, issuer, signature, audience, missing code) */
  'response_invalid',
  /** the userinfo endpoint failed or answered for another subject */
  'userinfo_failed',
  /** the provider could not be reached */
  'provider_unreachable',
] as const;
export type OidcLoginErrorCode = (typeof OIDC_LOGIN_ERROR_CODES)[number];

export class OidcLoginError extends Error {
  readonly code: OidcLoginErrorCode;

  constructor(code: OidcLoginErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OidcLoginError';
    this.code = code;
  }
}
