import { html, type Html } from '../../html/html.ts';
import { checkboxField, formError, inputField, textAreaField } from '../form-fields.ts';
import { catalogTabs, managedNote } from './catalog-tabs.ts';
import type { PageBody } from './sign-in-pages.ts';

const COLORS = [
  ['brand', 'Brand', '#0969da'],
  ['operational', 'Operational', '#1a7f37'],
  ['degraded', 'Degraded', '#9a6700'],
  ['partial', 'Partial outage', '#bc4c00'],
  ['major', 'Major outage', '#cf222e'],
  ['maintenance', 'Maintenance', '#0969da'],
] as const;

/** The public status pages: where each is served, whether it is private. */
export function statusPagesPage(): PageBody {
  return {
    heading: 'Status pages',
    page: 'pages',
    section: 'components',
    main: html`${catalogTabs('pages')}
<div class="toolbar"><p class="summary">With no page, one page at / shows every component.</p>
<a class="button primary" href="/admin/pages/new" data-needs="configure">New page</a></div>
<div class="table-wrap" role="region" aria-label="Status pages table" tabindex="0"><table class="data" id="pages">
<thead><tr><th scope="col">Title</th><th scope="col">Address</th><th scope="col">Components</th><th scope="col">Access</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody><tr><td colspan="5">Loading…</td></tr></tbody></table></div>`,
  };
}

function colorFields(): Html {
  return html`<div class="colors">${COLORS.map(([key, label, initial]) =>
    inputField({ name: `colors.${key}`, label, type: 'color', value: initial }),
  )}</div>`;
}

/** Create or edit a page: its components and their order, branding, custom domains, who may see it. */
export function statusPageEditorPage(slug: string | null): PageBody {
  return {
    heading: slug ? `Page ${slug}` : 'New status page',
    page: 'page',
    section: 'components',
    data: slug ? { id: slug } : {},
    main: html`${catalogTabs('pages')}${managedNote('page')}
<form id="page-form">
<fieldset id="page-fields" class="plain"><legend class="visually-hidden">Page settings</legend>
<section class="card" aria-labelledby="page-basics-h"><h2 id="page-basics-h">Page</h2>
<div class="grid2">
${inputField({ name: 'title', label: 'Title', required: true })}
${inputField({ name: 'slug', label: 'Address', required: true, hint: 'The page is served at /<address>; lower-case letters, digits and -. Cannot change later.', attrs: html` spellcheck="false" autocapitalize="off"${slug ? html` readonly value="${slug}"` : ''}` })}
</div>
${textAreaField({ name: 'description', label: 'Description', rows: 2 })}
${checkboxField({ name: 'default', label: 'Serve this page at / (the default page)' })}
</section>
<section class="card" aria-labelledby="page-cmps-h"><h2 id="page-cmps-h">Components</h2>
<div class="radios" role="radiogroup" aria-label="Which components">
<span><input type="radio" id="cmps-all" name="components_mode" value="all" checked><label for="cmps-all">All components</label></span>
<span><input type="radio" id="cmps-some" name="components_mode" value="some"><label for="cmps-some">The ones chosen here, in this order</label></span>
</div>
<div id="components-choice" hidden>
<fieldset data-name="components"><legend>Components, in page order</legend>
<ol class="order-list" id="page-components"><li>Loading components…</li></ol></fieldset>
<fieldset class="component-checks" data-name="groups"><legend>Whole groups</legend>
<p class="hint" id="groups-hint">Their components are added after the ones chosen above.</p>
<div class="checks" aria-describedby="groups-hint"><p>Loading groups…</p></div></fieldset>
</div>
</section>
<section class="card" aria-labelledby="page-brand-h"><h2 id="page-brand-h">Branding</h2>
<div class="grid2">
${inputField({ name: 'logo', label: 'Logo URL', type: 'url', hint: 'https:// or a data: image; shown instead of the title.' })}
${inputField({ name: 'favicon', label: 'Favicon URL', type: 'url', hint: 'Empty: Pharos’s icon.' })}
</div>
<fieldset><legend>Colours</legend>${colorFields()}</fieldset>
${textAreaField({ name: 'custom_css', label: 'Custom CSS', rows: 4, hint: 'Added after Pharos’s own stylesheet.', attrs: html` spellcheck="false"` })}
${textAreaField({ name: 'footer', label: 'Footer links', rows: 3, hint: 'One per line: Label | https://address', attrs: html` spellcheck="false"` })}
</section>
<section class="card" aria-labelledby="page-domain-h"><h2 id="page-domain-h">Custom domains</h2>
${textAreaField({ name: 'domains', label: 'Domains', rows: 2, hint: 'One host name per line, e.g. status.example.com: requests for it get this page at /. Point the name at Pharos (DNS) and give it a certificate at your proxy.', attrs: html` spellcheck="false" autocapitalize="off"` })}
</section>
<section class="card" aria-labelledby="page-access-h"><h2 id="page-access-h">Who may see it</h2>
${checkboxField({ name: 'private', label: 'Private page: only the visitors let in below', hint: 'A public page shows to anyone. A component named only on private pages is left off the public ones.' })}
<fieldset id="access-fields" class="plain" data-name="access" hidden><legend class="visually-hidden">Access rules</legend>
${inputField({ name: 'access.password_hash', label: 'Shared password (its hash)', hint: 'Run `npx pharos hash-password` and paste the scrypt hash it prints; Pharos never stores the password itself.', attrs: html` spellcheck="false" autocomplete="off"` })}
${checkboxField({ name: 'access.oidc', label: 'Sign in with the admin’s single sign-on (admin.oidc)' })}
<div class="grid2">
${textAreaField({ name: 'access.oidc_emails', label: 'Only these emails', rows: 2, hint: 'One per line: ops@example.com or *@example.com. Needs single sign-on.' })}
${textAreaField({ name: 'access.oidc_groups', label: 'Only these groups', rows: 2, hint: 'One per line (the provider’s groups claim).' })}
</div>
${textAreaField({ name: 'access.ip_allow', label: 'Addresses let in without signing in', rows: 2, hint: 'One per line: 10.0.0.0/8, fd00::/8 or a single address.', attrs: html` spellcheck="false"` })}
${checkboxField({ name: 'access.signed_in', label: 'Anyone signed in to this admin' })}
${inputField({ name: 'access.session', label: 'Sign-in lasts', value: '12h', hint: 'e.g. 12h, 7d' })}
</fieldset>
</section>
</fieldset>
${formError}
<div class="actions">
<button type="submit" class="primary" id="page-save">${slug ? 'Save changes' : 'Create page'}</button>
${slug && html`<button type="button" class="danger" id="page-archive">Archive</button>`}
<a id="page-view" href="/"${slug ? '' : html` hidden`}>View the page</a>
<a href="/admin/pages">Back to the pages</a>
</div>
</form>`,
  };
}
