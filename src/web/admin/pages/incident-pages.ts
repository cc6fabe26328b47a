import { MANUAL_INCIDENT_STATUSES } from '../../../admin/incident-input.ts';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS } from '../../../domain/statuses.ts';
import { html, type Html } from '../../html/html.ts';
import {
  checkboxField,
  fieldId,
  formError,
  inputField,
  selectField,
  selectOptions,
  submitRow,
  textAreaField,
} from '../form-fields.ts';
import type { PageBody } from './sign-in-pages.ts';

/** The component status options the pickers clone ("not affected"/"unchanged" is added by the script). */
const statusOptionsTemplate: Html = html`<template id="status-options">${selectOptions(COMPONENT_STATUSES)}</template>`;

/** A Markdown textarea with a live preview rendered by the server exactly as the public page will. */
export function markdownField(
  name: string,
  label: string,
  opts: { required?: boolean; rows?: number; path?: string } = {},
): Html {
  const previewId = `${fieldId(name)}-preview`;
  return html`<div class="markdown-field">
${textAreaField({ name, label, rows: opts.rows ?? 6, required: opts.required, hint: 'Markdown. The preview shows it as the public page will.', attrs: html` data-preview="${previewId}"${opts.path ? html` data-path="${opts.path}"` : ''}` })}
<div class="preview-box"><p class="preview-label" id="${previewId}-label">Preview</p><div class="markdown preview" id="${previewId}" role="region" aria-labelledby="${previewId}-label"></div></div>
</div>`;
}

function componentPickers(legend: string, hint: string): Html {
  return html`<fieldset class="component-pickers" data-name="components"><legend>${legend}</legend><p class="hint">${hint}</p><div class="pickers"><p>Loading components…</p></div></fieldset>`;
}

export function incidentListPage(): PageBody {
  return {
    heading: 'Incidents',
    page: 'incidents',
    section: 'incidents',
    main: html`<div class="toolbar"><a class="button primary" href="/admin/incidents/new" data-needs="operate">New incident</a>
<form id="incident-filter" class="inline">${selectField({
      name: 'state',
      label: 'Show',
      options: [
        ['all', 'All'],
        ['open', 'Open'],
        ['resolved', 'Resolved'],
      ],
      selected: 'all',
    })}</form></div>
<div class="table-wrap" role="region" aria-labelledby="incidents-caption" tabindex="0"><table class="data" id="incidents">
<caption id="incidents-caption">Incidents, newest first</caption>
<thead><tr><th scope="col">Incident</th><th scope="col">Status</th><th scope="col">Impact</th><th scope="col">Source</th><th scope="col">Opened</th><th scope="col">Resolved</th></tr></thead>
<tbody><tr><td colspan="6">Loading…</td></tr></tbody></table></div>
<div class="actions"><button type="button" id="incidents-more" hidden>Older incidents</button></div>`,
  };
}

export function incidentComposerPage(): PageBody {
  return {
    heading: 'New incident',
    page: 'incident-new',
    section: 'incidents',
    main: html`${statusOptionsTemplate}<form id="incident-form" class="card">
${inputField({ name: 'name', label: 'Name', required: true, hint: 'What people see, e.g. "Elevated API error rates".' })}
<div class="grid2">
${selectField({ name: 'status', label: 'Status', options: MANUAL_INCIDENT_STATUSES, selected: 'investigating' })}
${selectField({ name: 'impact', label: 'Impact', options: INCIDENT_IMPACTS, selected: 'minor' })}
</div>
${markdownField('body', 'Message')}
${componentPickers('Affected components', 'The status each shows while the incident is open.')}
${formError}
${submitRow('Open incident')}
</form>`,
  };
}

/** One incident: its facts, updates (edit, delete), a new update, resolve, postmortem, take over, delete. */
export function incidentPage(id: string): PageBody {
  return {
    heading: 'Incident',
    page: 'incident',
    section: 'incidents',
    data: { id },
    main: html`${statusOptionsTemplate}
<section class="card" aria-labelledby="facts-h"><h2 id="facts-h" class="incident-name">Loading…</h2><dl class="facts" id="incident-facts"></dl>
<div class="notice" id="auto-note" hidden><p>Pharos opened this incident from its monitors and will update and resolve it by itself, until someone takes it over.</p>
<button type="button" id="take-over">Take over</button></div>
<div class="notice success" id="recovered-note" role="status" hidden><p><strong>The monitors of this incident are up again.</strong> Since it was taken over, Pharos no longer resolves it: resolve it when you are sure it is over.</p>
<button type="button" class="primary" id="resolve-recovered">Resolve incident</button></div>
<p><a id="public-link" href="/">See it on the public page</a></p></section>
<section class="card" aria-labelledby="updates-h"><h2 id="updates-h" tabindex="-1">Updates</h2><ol class="timeline" id="updates"></ol></section>
<section class="card" aria-labelledby="post-h"><h2 id="post-h">Post an update</h2>
<form id="update-form">
<div class="grid2">
${selectField({ name: 'status', label: 'Status', options: MANUAL_INCIDENT_STATUSES })}
${selectField({ name: 'impact', label: 'Impact', options: [['', 'unchanged'], ...INCIDENT_IMPACTS.map((i) => [i, i] as const)] })}
</div>
${markdownField('body', 'Message', { required: true })}
${componentPickers('Component statuses', 'Leave "unchanged" for components this update does not change.')}
<div class="notice warn" id="take-over-box" hidden><p>Pharos still runs this incident. Posting takes it over: from then on Pharos no longer updates or resolves it, and you resolve it yourself.</p>
${checkboxField({ name: 'take_over', label: 'Take over this incident and post this update', checked: true })}</div>
${formError}
${submitRow('Post update', html`<button type="button" id="resolve">Resolve incident</button>`)}
</form></section>
<section class="card" aria-labelledby="edit-h"><h2 id="edit-h">Name and impact</h2>
<form id="rename-form"><div class="grid2">
${inputField({ name: 'name', label: 'Name', required: true })}
${selectField({ name: 'impact', id: 'f-rename-impact', label: 'Impact', options: INCIDENT_IMPACTS })}
</div>${formError}${submitRow('Save')}</form></section>
<section class="card" aria-labelledby="pm-h" id="postmortem-section" hidden><h2 id="pm-h" tabindex="-1">Postmortem</h2>
<form id="postmortem-form">${markdownField('postmortem', 'Postmortem', { required: true, rows: 8, path: 'body' })}${formError}
${submitRow('Publish postmortem', html`<button type="button" id="postmortem-remove" hidden>Remove postmortem</button>`)}</form></section>
<div class="actions"><button type="button" class="danger" id="incident-delete">Delete incident</button></div>`,
  };
}
