import { html } from '../../html/html.ts';
import { checkboxField, formError, inputField, textAreaField } from '../form-fields.ts';
import { catalogTabs, managedNote } from './catalog-tabs.ts';
import type { PageBody } from './sign-in-pages.ts';

/** Component groups in display order (move up and down), and a form for a new one. */
export function groupsPage(): PageBody {
  return {
    heading: 'Component groups',
    page: 'groups',
    section: 'components',
    main: html`${catalogTabs('groups')}
<section class="card" aria-labelledby="groups-h"><h2 id="groups-h" tabindex="-1">Groups</h2>
<p class="summary">In the order pages show them. A component joins a group on its own form.</p>
<div class="table-wrap" role="region" aria-label="Component groups table" tabindex="0"><table class="data" id="groups">
<thead><tr><th scope="col">Name</th><th scope="col">Components</th><th scope="col">On the page</th></tr></thead>
<tbody><tr><td colspan="3">Loading…</td></tr></tbody></table></div></section>
<section class="card" aria-labelledby="new-group-h" data-needs="configure"><h2 id="new-group-h">New group</h2>${groupForm(null)}</section>`,
  };
}

function groupForm(id: string | null) {
  return html`<form id="group-form">
<fieldset id="group-fields" class="plain"><legend class="visually-hidden">Group settings</legend>
<div class="grid2">
${inputField({ name: 'name', label: 'Name', required: true })}
${inputField({ name: 'id', label: 'Id', required: true, hint: 'Filled in from the name; cannot change later.', attrs: html` spellcheck="false" autocapitalize="off"${id ? html` readonly value="${id}"` : ''}` })}
</div>
${textAreaField({ name: 'description', label: 'Description', rows: 2 })}
${checkboxField({ name: 'collapsed', label: 'Folded on the public page until a visitor opens it', hint: 'The group’s line still shows its worst status.' })}
</fieldset>
${formError}
<div class="actions"><button type="submit" class="primary" id="group-save">${id ? 'Save changes' : 'Create group'}</button>
${id && html`<button type="button" class="danger" id="group-archive">Archive</button><a href="/admin/groups">Back to the groups</a>`}</div>
</form>`;
}

/** Edit one group. */
export function groupEditorPage(id: string): PageBody {
  return {
    heading: `Group ${id}`,
    page: 'group',
    section: 'components',
    data: { id },
    main: html`${catalogTabs('groups')}${managedNote('group')}<div class="card">${groupForm(id)}</div>`,
  };
}
