import { ROLES, TOKEN_SCOPES } from '../../../domain/access.ts';
import { html } from '../../html/html.ts';
import { checkboxField, formError, inputField, selectField, selectOptions, submitRow } from '../form-fields.ts';
import type { PageBody } from './sign-in-pages.ts';

export function usersPage(): PageBody {
  return {
    heading: 'Users',
    page: 'users',
    section: 'users',
    main: html`<template id="role-options">${selectOptions(ROLES)}</template>
<div class="table-wrap" role="region" aria-labelledby="users-caption" tabindex="0"><table class="data" id="users">
<caption id="users-caption">People who can sign in</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Two-factor</th><th scope="col">Last sign-in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody><tr><td colspan="6">Loading…</td></tr></tbody></table></div>
<section class="card" aria-labelledby="add-h"><h2 id="add-h">Add a user</h2>
<form id="user-form"><div class="grid2">
${inputField({ name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'off' })}
${inputField({ name: 'name', label: 'Name', autocomplete: 'off' })}
${selectField({ name: 'role', label: 'Role', options: ROLES, selected: 'editor', hint: 'viewer: read; editor: incidents and maintenance; admin: everything but owners.' })}
${inputField({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: 'Empty: the user signs in by single sign-on.' })}
</div>${formError}${submitRow('Add user')}</form></section>`,
  };
}

export function tokensPage(): PageBody {
  return {
    heading: 'API tokens',
    page: 'tokens',
    section: 'tokens',
    main: html`<div id="token-secret" class="notice success" hidden tabindex="-1">
<h2>Your new token</h2><p>Copy it now: it is shown only once.</p>
<p><code id="token-secret-value" class="secret break"></code></p>
<button type="button" id="token-copy">Copy token</button></div>
<div class="table-wrap" role="region" aria-labelledby="tokens-caption" tabindex="0"><table class="data" id="tokens">
<caption id="tokens-caption" tabindex="-1">API tokens</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Scopes</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody><tr><td colspan="6">Loading…</td></tr></tbody></table></div>
<section class="card" aria-labelledby="new-h"><h2 id="new-h">Create a token</h2>
<form id="token-form">
${inputField({ name: 'name', label: 'Name', required: true, hint: 'What uses it, e.g. "deploy pipeline".' })}
<fieldset data-name="scopes"><legend>Scopes</legend>
${TOKEN_SCOPES.map((s) => checkboxField({ name: 'scopes', label: s, value: s, checked: s === 'read', id: `scope-${s}` }))}
</fieldset>
${inputField({ name: 'expires_in', label: 'Expires in', hint: 'e.g. 90d, 12h; empty: never.', value: '90d' })}
${formError}${submitRow('Create token')}</form></section>`,
  };
}
