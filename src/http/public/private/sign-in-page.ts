import { html } from '../../../web/html/html.ts';

export interface SignInPageView {
  title: string;
  /** the page's brand colour (validated hex) */
  brand: string;
  /** where the password form posts; absent: the page takes no password */
  passwordAction?: string;
  /** the SSO start link; absent: no SSO */
  ssoHref?: string;
  ssoLabel?: string;
  /** path (with query) to come back to after signing in */
  returnTo: string;
  /** only an address allow-list or an admin session would let the visitor in */
  hint?: string;
  error?: string;
}

/** The small page a visitor of a private page gets instead of it: a password form and/or a single sign-on link. */
export function renderSignInPage(v: SignInPageView): string {
  const style = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1f2328}
main{max-width:22rem;margin:12vh auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}
h1{font-size:1.25rem;margin:0 0 1rem}input{width:100%;box-sizing:border-box;padding:.5rem;margin:.25rem 0 1rem;font:inherit}
button,a.sso{display:block;width:100%;box-sizing:border-box;padding:.55rem;border:0;border-radius:6px;background:${v.brand};color:#fff;font:inherit;text-align:center;text-decoration:none;cursor:pointer}
.error{color:#cf222e}.or{text-align:center;color:#59636e;margin:1rem 0}`;
  const form = v.passwordAction
    ? html`<form method="post" action="${v.passwordAction}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="return" value="${v.returnTo}">
<button type="submit">Continue</button>
</form>`
    : '';
  const sso = v.ssoHref ? html`<a class="sso" href="${v.ssoHref}">${v.ssoLabel ?? 'Sign in with SSO'}</a>` : '';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${v.title} · sign in</title><style>${style}</style></head>
<body><main>
<h1>${v.title}</h1>
<p>This status page is private.</p>
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
${form}${form && sso ? html`<p class="or">or</p>` : ''}${sso}
${v.hint ? html`<p>${v.hint}</p>` : ''}
</main></body></html>
`.text;
}
