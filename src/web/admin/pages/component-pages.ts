import { COMPONENT_STATUSES } from '../../../domain/statuses.ts';
import { html } from '../../html/html.ts';
import { checkboxField, formError, inputField, selectField, selectOptions, textAreaField } from '../form-fields.ts';
import { catalogTabs, managedNote } from './catalog-tabs.ts';
import type { PageBody } from './sign-in-pages.ts';

/** Components in display order: their manual status override, edit, archive, move up and down. */
export function componentsPage(): PageBody {
  return {
    heading: 'Components',
    page: 'components',
    section: 'components',
    main: html`${catalogTabs('components')}<template id="status-options">${selectOptions(COMPONENT_STATUSES)}</template>
<div class="toolbar"><p class="summary">In the order pages show them. A manual status wins over the component’s monitors until you clear it; components from the configuration file can be overridden too, their other settings are read-only here.</p>
<a class="button primary" href="/admin/components/new" data-needs="configure">New component</a></div>
<ul class="cards" id="components"><li>Loading…</li></ul>`,
  };
}

/** Create or edit a component: its group and the monitors whose worst status it shows. */
export function componentEditorPage(id: string | null): PageBody {
  return {
    heading: id ? `Component ${id}` : 'New component',
    page: 'component',
    section: 'components',
    data: id ? { id } : {},
    main: html`${catalogTabs('components')}${managedNote('component')}
<form id="component-form" class="card">
<fieldset id="component-fields" class="plain"><legend class="visually-hidden">Component settings</legend>
<div class="grid2">
${inputField({ name: 'name', label: 'Name', required: true })}
${inputField({ name: 'id', label: 'Id', required: true, hint: 'Lower-case letters, digits, - and _; filled in from the name; cannot change later.', attrs: html` spellcheck="false" autocapitalize="off"${id ? html` readonly value="${id}"` : ''}` })}
</div>
${textAreaField({ name: 'description', label: 'Description', rows: 2, hint: 'Shown under its name on the public page.' })}
${selectField({ name: 'group', label: 'Group', options: [['', 'No group']], hint: 'Components of a group are shown together, folded or not (see Groups).' })}
<fieldset class="component-checks" data-name="monitors"><legend>Monitors</legend>
<p class="hint" id="monitors-hint">The component shows the worst status of these monitors.</p>
<div class="checks" aria-describedby="monitors-hint"><p>Loading monitors…</p></div></fieldset>
${checkboxField({ name: 'auto_incident', label: 'Open and resolve incidents from these monitors by itself', checked: true })}
</fieldset>
${formError}
<div class="actions">
<button type="submit" class="primary" id="component-save">${id ? 'Save changes' : 'Create component'}</button>
${id && html`<button type="button" class="danger" id="component-archive">Archive</button>`}
<a href="/admin/components">Back to the components</a>
</div>
</form>`,
  };
}
