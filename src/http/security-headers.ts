/**
 * Security headers, decided in one place. Scripts only from our own origin (no inline script anywhere: data blocks
 * are type="application/json"); inline styles are allowed for the page's brand colours and the operator's CSS.
 */
export interface SecurityHeaderOptions {
  /** the base URL is https: HSTS */
  https: boolean;
  /** origins that may frame the public widget (/widget); ['*'] = anyone */
  widgetFrameAncestors: readonly string[];
}

export type HeaderKind = 'admin' | 'public' | 'widget';

export function securityHeaders(kind: HeaderKind, opts: SecurityHeaderOptions): Record<string, string> {
  const frameAncestors =
    kind === 'widget' ? opts.widgetFrameAncestors.join(' ') || "'none'" : kind === 'public' ? "'self'" : "'none'";
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    kind === 'admin' ? "img-src 'self' data:" : "img-src 'self' data: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': kind === 'admin' ? 'same-origin' : 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    ...(kind === 'admin' ? { 'x-frame-options': 'DENY' } : {}),
    ...(opts.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
