import { PASSWORD_POLICY } from '../../../auth/password.ts';
import { html } from '../../html/html.ts';
import type { AdminDocument } from '../admin-document.ts';
import { formError, inputField, submitRow } from '../form-fields.ts';

export type PageBody = Omit<AdminDocument, 'siteTitle'>;

const passwordHint = `At least ${PASSWORD_POLICY.minLength} characters; a few unrelated words make a good one.`;

/** Email and password, then (when two-factor sign-in is on) a code. */
export function loginPage(): PageBody {
  return {
    heading: 'Sign in',
    page: 'login',
    main: html`<div class="card narrow">
<form id="login-form" method="post" action="/admin/login">
${inputField({ name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'username' })}
${inputField({ name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'current-password' })}
${formError}
${submitRow('Sign in')}
</form>
<form id="totp-form" method="post" action="/admin/login" hidden>
<p>Two-factor sign-in is on for this account.</p>
${inputField({ name: 'code', label: 'Code from your authenticator app', required: true, autocomplete: 'one-time-code', hint: 'Six digits, or one of your recovery codes.', attrs: html` inputmode="numeric" spellcheck="false"` })}
${formError}
${submitRow('Verify')}
</form>
</div>`,
  };
}

/** The one-time setup link: the first owner. The token comes from the link's query (escaped into a hidden field). */
export function setupPage(token: string, used = false): PageBody {
  if (used)
    return {
      heading: 'Set up Pharos',
      page: 'setup',
      main: html`<div class="card narrow"><p class="notice" id="setup-used">This setup link has been used: Pharos already has its owner account. Sign in with it, or ask an owner to invite you.</p>
<p><a class="button primary" href="/admin/login">Sign in</a></p></div>`,
    };
  return {
    heading: 'Set up Pharos',
    page: 'setup',
    main: html`<div class="card narrow">
${token ? html`<p>Create the first owner account. This link works once.</p>` : html`<p class="notice warn">This page needs the one-time setup link printed in the server log (<code>/admin/setup?token=…</code>), or create the owner with <code>pharos user add --role owner</code>.</p>`}
<form id="setup-form" method="post" action="/admin/setup">
<input type="hidden" name="token" value="${token}">
${inputField({ name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'username' })}
${inputField({ name: 'name', label: 'Name', autocomplete: 'name' })}
${inputField({ name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'new-password', hint: passwordHint })}
${formError}
${submitRow('Create owner account')}
</form>
</div>`,
  };
}

/** Password, two-factor enrolment (otpauth URI and secret, then recovery codes), sign-out. */
export function accountPage(): PageBody {
  return {
    heading: 'Your account',
    page: 'account',
    section: 'account',
    main: html`<section class="card" aria-labelledby="acct-h"><h2 id="acct-h">Profile</h2><dl class="facts" id="account-facts"></dl></section>
<section class="card" aria-labelledby="pw-h"><h2 id="pw-h">Change password</h2>
<form id="password-form">
<input type="text" name="username" autocomplete="username" hidden>
${inputField({ name: 'current', label: 'Current password', type: 'password', required: true, autocomplete: 'current-password' })}
${inputField({ name: 'next', label: 'New password', type: 'password', required: true, autocomplete: 'new-password', hint: `${passwordHint} Your other sessions end.` })}
${formError}
${submitRow('Change password')}
</form></section>
<section class="card" aria-labelledby="tfa-h"><h2 id="tfa-h">Two-factor sign-in</h2>
<p id="totp-state">Loading…</p>
<div id="totp-off" hidden>
<button type="button" id="totp-start">Set up two-factor sign-in</button>
<form id="totp-enable-form" hidden>
<p>Add this account to your authenticator app, with the link or by typing the secret, then enter the code it shows.</p>
<dl class="facts"><dt>Secret</dt><dd><code id="totp-secret" class="secret"></code></dd><dt>otpauth URI</dt><dd><a id="totp-uri" class="break" href="#"></a></dd></dl>
${inputField({ name: 'code', label: 'Code from the app', required: true, autocomplete: 'one-time-code', attrs: html` inputmode="numeric"` })}
${formError}
${submitRow('Turn on two-factor sign-in')}
</form>
</div>
<div id="recovery" class="notice" hidden tabindex="-1"><h3>Recovery codes</h3><p>Each works once instead of a code. Keep them somewhere safe: they are shown only now.</p><ul id="recovery-codes" class="codes"></ul></div>
<form id="totp-disable-form" hidden>
<input type="text" name="username" autocomplete="username" hidden>
${inputField({ name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'current-password' })}
${formError}
${submitRow('Turn off two-factor sign-in')}
</form>
<p class="hint">New recovery codes: turn two-factor sign-in off and on again.</p>
</section>`,
  };
}
