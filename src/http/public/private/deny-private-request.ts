import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HtmlSecurityHeaders } from '../serve-public-raw.ts';
import type { GatedMount, PageAccessGate } from './page-access-gate.ts';
import { PRIVATE_VARY } from './private-headers.ts';
import { renderSignInPage } from './sign-in-page.ts';

/** Path (with query) inside the page to come back to after signing in; the page itself for anything else. */
export function safeReturnPath(mount: GatedMount, value: unknown): string {
  const root = mount.basePath ? `${mount.basePath}/` : '/';
  if (typeof value !== 'string' || value.length > 2000) return root;
  const inside = value === mount.basePath || value.startsWith(root);
  // no scheme-relative (//host) or backslash tricks, no loop back into the sign-in routes; only visible ASCII, since
  // browsers drop tabs and newlines from a Location (`/\t/evil.example` becomes `//evil.example`) and CR/LF split headers
  if (
    !inside ||
    !VISIBLE_ASCII.test(value) ||
    value.startsWith('//') ||
    value.includes('\\') ||
    value.includes('/_access')
  )
    return root;
  // and it must stay on this site once resolved the way a browser resolves it
  return new URL(value, SAME_SITE).origin === SAME_SITE ? value : root;
}

const VISIBLE_ASCII = /^[\x21-\x7e]*$/;
const SAME_SITE = 'http://same-site.invalid';

/** Whether the request is a browser navigation (it gets the sign-in page) rather than a fetch of data. */
export function wantsHtml(request: FastifyRequest, mount: GatedMount): boolean {
  const path = request.url.split('?')[0]!;
  if (path === mount.basePath || path === (mount.basePath || '') + '/') return true;
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

export interface DenyOptions {
  /** default 401 */
  status?: number;
  /** the JSON error code (default private_page) */
  code?: string;
  /** shown on the sign-in page, and the JSON message */
  error?: string;
  returnTo?: string;
}

/**
 * The answer for a visitor the page does not let in: the sign-in page for a browser, 401 JSON for anything else.
 * Nothing of the page is in it but its title.
 */
export function denyPrivateRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  mount: GatedMount,
  gate: PageAccessGate,
  security: HtmlSecurityHeaders,
  opts: DenyOptions = {},
): FastifyReply {
  reply
    .code(opts.status ?? 401)
    .header('cache-control', 'no-store')
    .header('vary', PRIVATE_VARY);
  if (!wantsHtml(request, mount)) {
    return reply.send({
      error: opts.code ?? 'private_page',
      message: opts.error ?? `this status page is private; sign in at ${mount.basePath || ''}/`,
    });
  }
  for (let i = 0; i < security.page.length; i += 2) reply.header(security.page[i]!, security.page[i + 1]!);
  return reply
    .type('text/html; charset=utf-8')
    .send(renderSignInPage(signInView(mount, gate, opts.returnTo ?? safeReturnPath(mount, request.url), opts.error)));
}

function signInView(mount: GatedMount, gate: PageAccessGate, returnTo: string, error: string | undefined) {
  const rule = mount.access;
  const sso = rule.oidc && gate.sso;
  const onlyOthers = !rule.passwordHash && !sso;
  const hint = onlyOthers
    ? rule.signedIn
      ? 'Sign in to Pharos to see it.'
      : 'It can only be seen from allowed networks.'
    : rule.signedIn
      ? 'People signed in to Pharos see it too.'
      : undefined;
  return {
    title: mount.title,
    brand: mount.page?.colors.brand ?? '#0969da',
    passwordAction: rule.passwordHash ? `${mount.basePath}/_access` : undefined,
    ssoHref: sso ? `${mount.basePath}/_access/oidc` : undefined,
    ssoLabel: sso ? sso.label : undefined,
    returnTo,
    hint,
    error,
  };
}
